package dev.kompira.core.value;

/**
 * An external value that stands for a list computed on each access (a LazyArray, language.md
 * §4.11): wherever an Array is expected — {@code +}, {@code ==}, iteration, {@code length},
 * rendering — the current elements are used.
 */
public interface Materializable extends ExternalValue {

    /** Returns the current elements as a new Array. */
    ArrayValue materialize();
}
