package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Arrays;
import java.util.Objects;

/**
 * A binary literal {@code b'...'}: a byte sequence. The array is copied in and out, so the record
 * stays immutable; equality compares the bytes.
 *
 * @param bytes the bytes
 * @param span  the literal
 */
public record BinaryLiteral(byte[] bytes, Span span) implements Expr {

    /** Copies the bytes and validates the components. */
    public BinaryLiteral {
        bytes = bytes.clone();
        Objects.requireNonNull(span, "span");
    }

    /** Returns a copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Returns the byte at {@code index} as an unsigned value 0–255. */
    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitBinary(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinaryLiteral
                && Arrays.equals(bytes, ((BinaryLiteral) other).bytes)
                && span.equals(((BinaryLiteral) other).span);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + span.hashCode();
    }

    @Override
    public String toString() {
        return "BinaryLiteral[bytes=" + Arrays.toString(bytes) + ", span=" + span + "]";
    }
}
