package dev.kompira.core.value;

import java.util.Arrays;

/** An immutable sequence of bytes (language.md §4.5). */
public final class BinaryValue implements Value {

    /** The empty Binary. */
    public static final BinaryValue EMPTY = new BinaryValue(new byte[0]);

    private final byte[] bytes;

    private BinaryValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns a Binary holding a copy of {@code bytes}. */
    public static BinaryValue of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new BinaryValue(bytes.clone());
    }

    /** Returns a copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Returns the byte at {@code index} as an unsigned value 0–255. */
    public int unsignedAt(int index) {
        return bytes[index] & 0xff;
    }

    @Override
    public String typeName() {
        return "Binary";
    }

    @Override
    public boolean truthy() {
        return bytes.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryValue b && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
