package dev.kompira.core.value;

/**
 * A value that refers to something outside the process's own data — an object of the tree, a
 * process, a channel — and is therefore copied by reference, never duplicated (language.md §4.17).
 * Two external values are equal when they refer to the same entity.
 */
public non-sealed interface ExternalValue extends Value {

    /** Returns the text form of the value (language.md §5.1): a path, a name or a {@code <...>} form. */
    String text();

    @Override
    default boolean truthy() {
        return true;
    }
}
