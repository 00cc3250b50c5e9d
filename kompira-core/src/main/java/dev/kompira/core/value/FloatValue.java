package dev.kompira.core.value;

/** An IEEE 754 double (language.md §4.3). */
public record FloatValue(double value) implements Value {

    @Override
    public String typeName() {
        return "Float";
    }

    @Override
    public boolean truthy() {
        return value != 0.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatValue f && Double.compare(f.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
