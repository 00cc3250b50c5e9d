package dev.kompira.core.object.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One choice of a static {@code enum} qualifier (objects.md §3.6): the data part is what an Enum
 * field stores, the label what a form shows. A plain string entry has identical data and label.
 * Immutable and thread-safe.
 *
 * @param data  the stored value
 * @param label the text shown for it
 */
public record EnumChoice(String data, String label) {

    /** Checks the components. */
    public EnumChoice {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(label, "label");
    }

    /**
     * Reads a list of choices as an {@code enum} qualifier gives it (objects.md §3.6): strings, or
     * {@code [data, label]} pairs.
     *
     * @throws FieldTypeException when an entry is neither
     */
    public static List<EnumChoice> listOf(JsonNode list) {
        return Qualifiers.choices(list, "");
    }
}
