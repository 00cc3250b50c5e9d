package dev.kompira.core.value;

/** {@code true} and {@code false} (language.md §4.6). Booleans are not numbers (D30). */
public enum BooleanValue implements Value {
    /** {@code false}. */
    FALSE,
    /** {@code true}. */
    TRUE;

    /** Returns the Boolean value of {@code b}. */
    public static BooleanValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    @Override
    public String typeName() {
        return "Boolean";
    }

    @Override
    public boolean truthy() {
        return this == TRUE;
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
