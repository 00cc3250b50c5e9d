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

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
