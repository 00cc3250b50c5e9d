package dev.kompira.core.value;

/**
 * An external value that has members for {@code in} (a Directory, Table or virtual list of the
 * object tree, D66).
 */
public interface Container extends ExternalValue {

    /** Returns whether {@code x} (an Object or a child's name) is a member. */
    boolean containsMember(Value x);
}
