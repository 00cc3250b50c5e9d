package dev.kompira.core.object.types;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One built-in type of objects.md §4: its name, how much of its behaviour the library implements
 * (§4.0) and its fields exactly as Kompira declares them. Immutable and thread-safe.
 *
 * @param name    the type name, also the TypeObject's name in {@code /system/types}
 * @param support the classification of the type's behaviour
 * @param fields  the fields, in declaration order
 */
public record BuiltinType(String name, Support support, List<FieldDefinition> fields) {

    /** The classification of §4.0: which type-specific behaviour the library implements. */
    public enum Support {
        /** Implemented now. */
        CORE,
        /** Data only now; behaviour planned. */
        LATER,
        /** Data only. */
        OUT
    }

    /** Checks and freezes the components. */
    public BuiltinType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(support, "support");
        fields = List.copyOf(fields);
    }

    /** Returns the path of the type object, {@code /system/types/<name>}. */
    public String path() {
        return BuiltinTypes.TYPES_DIRECTORY + "/" + name;
    }

    /** Returns the field names in order. */
    public List<String> fieldNames() {
        return column(FieldDefinition::name);
    }

    /** Returns the display names in order. */
    public List<String> fieldDisplayNames() {
        return column(FieldDefinition::displayName);
    }

    /** Returns the declarations in order, as objects.md writes them. */
    public List<String> fieldTypes() {
        return column(FieldDefinition::declaration);
    }

    /** Returns the fields as a {@link TypeDefinition}. */
    public TypeDefinition definition() {
        return TypeDefinition.checked(fieldNames(), fieldDisplayNames(), fieldTypes());
    }

    /**
     * Returns the stored fields of the TypeObject that defines this type: {@code fieldNames},
     * {@code fieldDisplayNames} and {@code fieldTypes} as new Arrays of Strings ({@code extend}
     * stays unset, as in Kompira's installation data).
     */
    public Map<String, Value> typeObjectFields() {
        Map<String, Value> data = new LinkedHashMap<>();
        data.put(TypeDefinition.FIELD_NAMES, strings(fieldNames()));
        data.put(TypeDefinition.FIELD_DISPLAY_NAMES, strings(fieldDisplayNames()));
        data.put(TypeDefinition.FIELD_TYPES, strings(fieldTypes()));
        return data;
    }

    private List<String> column(Function<FieldDefinition, String> part) {
        List<String> column = new ArrayList<>(fields.size());
        fields.forEach(f -> column.add(part.apply(f)));
        return List.copyOf(column);
    }

    static ArrayValue strings(List<String> strings) {
        ArrayValue array = new ArrayValue();
        strings.forEach(s -> array.items().add(StringValue.of(s)));
        return array;
    }
}
