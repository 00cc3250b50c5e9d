package dev.kompira.core.value;

/** {@code null}, the only value of type Null (language.md §4.7). */
public enum NullValue implements Value {
    /** The null value. */
    NULL;

    @Override
    public String typeName() {
        return "Null";
    }

    @Override
    public boolean truthy() {
        return false;
    }
}
