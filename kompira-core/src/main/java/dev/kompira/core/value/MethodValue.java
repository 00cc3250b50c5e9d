package dev.kompira.core.value;

/**
 * A method named without a call, {@code value.method}, bound to its receiver (language.md §4.15).
 * Calling it invokes the method on the receiver.
 */
public record MethodValue(Value receiver, String name) implements Value {

    @Override
    public String typeName() {
        return "Method";
    }

    @Override
    public boolean truthy() {
        return true;
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
