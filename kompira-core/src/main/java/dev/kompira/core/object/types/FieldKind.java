package dev.kompira.core.object.types;

import java.util.Optional;

/**
 * The nineteen field type names of objects.md §3.1 and §3.5, spelled as in {@code fieldTypes}.
 * Immutable and thread-safe.
 */
public enum FieldKind {
    /** One-line text. */
    STRING("String"),
    /** Text; same data as String. */
    TEXT("Text"),
    /** Long multi-line text. */
    LARGE_TEXT("LargeText"),
    /** Secret text. */
    PASSWORD("Password"),
    /** Byte string. */
    BINARY("Binary"),
    /** Signed 64-bit whole number. */
    INTEGER("Integer"),
    /** Finite double. */
    FLOAT("Float"),
    /** true/false. */
    BOOLEAN("Boolean"),
    /** One value out of the {@code enum} qualifier's list. */
    ENUM("Enum"),
    /** An IPv4 (or IPv6) address. */
    IP_ADDRESS("IPAddress"),
    /** A mail address. */
    EMAIL("EMail"),
    /** A URL with a scheme from {@code schemes}. */
    URL("URL"),
    /** Zone-aware date and time. */
    DATETIME("Datetime"),
    /** Calendar date. */
    DATE("Date"),
    /** Time of day. */
    TIME("Time"),
    /** Reference to another object of the tree. */
    OBJECT("Object"),
    /** An attached file. */
    FILE("File"),
    /** List of values of one element type. */
    ARRAY("Array"),
    /** String keys to values of one element type. */
    DICTIONARY("Dictionary");

    private final String typeName;

    FieldKind(String typeName) {
        this.typeName = typeName;
    }

    /** Returns the name as {@code fieldTypes} writes it, e.g. {@code IPAddress}. */
    public String typeName() {
        return typeName;
    }

    /** Returns the kind called {@code typeName} (case-sensitive), or empty. */
    public static Optional<FieldKind> byTypeName(String typeName) {
        for (FieldKind kind : values()) {
            if (kind.typeName.equals(typeName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Returns whether this is Array or Dictionary. */
    public boolean isContainer() {
        return this == ARRAY || this == DICTIONARY;
    }

    /** Returns whether this is one of the four kinds the {@code strip} qualifier applies to. */
    public boolean isText() {
        return this == STRING || this == TEXT || this == LARGE_TEXT || this == PASSWORD;
    }

    /**
     * Returns whether this kind may be the element type of an Array or Dictionary field (§3.2): every
     * scalar kind except Text and LargeText (File included by Decision).
     */
    public boolean isElementKind() {
        return !isContainer() && this != TEXT && this != LARGE_TEXT;
    }

    @Override
    public String toString() {
        return typeName;
    }
}
