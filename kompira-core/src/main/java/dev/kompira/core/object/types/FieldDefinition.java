package dev.kompira.core.object.types;

import dev.kompira.core.value.Value;
import java.util.Objects;

/**
 * One field of a type (objects.md §3.5): its name, display name and declaration. Immutable and
 * thread-safe.
 *
 * @param name        the field name
 * @param displayName the label shown in forms
 * @param type        the parsed declaration
 */
public record FieldDefinition(String name, String displayName, FieldType type) {

    /** Checks the components. */
    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(type, "type");
    }

    /** Returns the declaration text, as stored in {@code fieldTypes}. */
    public String declaration() {
        return type.declaration();
    }

    /**
     * Converts and validates a value written to this field (§3.7); see {@link FieldType#convert}.
     *
     * @throws FieldValueException when the value is not acceptable
     */
    public Value convert(Value input, ConversionContext ctx) {
        return type.convert(name, input, ctx);
    }

    /** Returns what a read of this field yields while it is unset (§2.6); see {@link FieldType#readDefault}. */
    public Value readDefault(ConversionContext ctx) {
        return type.readDefault(ctx);
    }
}
