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
}
