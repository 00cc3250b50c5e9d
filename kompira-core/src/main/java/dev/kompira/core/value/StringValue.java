package dev.kompira.core.value;

import java.util.Objects;

/**
 * An immutable sequence of Unicode code points (language.md §4.4). Lengths and indexes count code
 * points, not UTF-16 units.
 */
public record StringValue(String value) implements Value {

    /** The empty String. */
    public static final StringValue EMPTY = new StringValue("");

    /** Checks the component. */
    public StringValue {
        Objects.requireNonNull(value, "value");
    }

    /** Returns the String value of {@code s}. */
    public static StringValue of(String s) {
        return s.isEmpty() ? EMPTY : new StringValue(s);
    }

    /** Returns the number of code points. */
    public int length() {
        return value.codePointCount(0, value.length());
    }

    @Override
    public String typeName() {
        return "String";
    }

    @Override
    public boolean truthy() {
        return !value.isEmpty();
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
