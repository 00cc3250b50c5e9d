package dev.kompira.core.object.types;

import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a type, read from the parallel arrays {@code fieldNames}, {@code fieldDisplayNames}
 * and {@code fieldTypes} of a TypeObject (or of a Config or Form, which declare fields the same way;
 * objects.md §3.5, §4.1).
 *
 * <p>Two ways to build one: {@link #checked} for declarations saved through the API, which must be
 * complete and valid; {@link #of(StoredObject)} and {@link #lenient} for declarations already in a
 * store or an import file, which never fail — a missing display name is the field name, a missing
 * type is {@code String}, an invalid declaration falls back to String keeping its text, a repeated
 * name is ignored — and report what they tolerated in {@link #warnings()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TypeDefinition {

    /** The field holding the field names. */
    public static final String FIELD_NAMES = "fieldNames";
    /** The field holding the display names. */
    public static final String FIELD_DISPLAY_NAMES = "fieldDisplayNames";
    /** The field holding the declarations. */
    public static final String FIELD_TYPES = "fieldTypes";

    private final List<FieldDefinition> fields;
    private final Map<String, FieldDefinition> byName;
    private final List<String> warnings;

    private TypeDefinition(List<FieldDefinition> fields, List<String> warnings) {
        Map<String, FieldDefinition> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        this.fields = List.copyOf(fields);
        this.byName = Collections.unmodifiableMap(map);
        this.warnings = List.copyOf(warnings);
    }

    /** Reads the declarations stored in {@code declaringObject}'s fields, leniently. */
    public static TypeDefinition of(StoredObject declaringObject) {
        Map<String, Value> stored = declaringObject.fields();
        return lenient(strings(stored.get(FIELD_NAMES)), strings(stored.get(FIELD_DISPLAY_NAMES)),
                strings(stored.get(FIELD_TYPES)));
    }

    /**
     * Builds a definition from possibly incomplete arrays (an import, a stored type). Entries may be
     * Java {@code null} for "missing"; arrays shorter than {@code names} are padded that way, and
     * extra entries are ignored.
     */
    public static TypeDefinition lenient(List<String> names, List<String> displayNames, List<String> declarations) {
        List<FieldDefinition> fields = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || seen.contains(name)) {
                warnings.add(name == null ? "field " + i + " has no name and is ignored"
                        : "field '" + name + "' is declared twice; the second declaration is ignored");
                continue;
            }
            seen.add(name);
            String displayName = entry(displayNames, i);
            String declaration = entry(declarations, i);
            FieldType type = FieldType.parseLenient(declaration == null ? "String" : declaration);
            type.warning().ifPresent(w -> warnings.add("field '" + name + "': " + w));
            fields.add(new FieldDefinition(name, displayName == null ? name : displayName, type));
        }
        return new TypeDefinition(fields, warnings);
    }

    /**
     * Builds a definition for a save through the API: the three arrays must have the same length,
     * names must be identifiers (language.md §2.3) and unique, display names and declarations
     * present, declarations valid.
     *
     * @throws FieldTypeException naming the first problem
     */
    public static TypeDefinition checked(List<String> names, List<String> displayNames, List<String> declarations) {
        if (names.size() != displayNames.size() || names.size() != declarations.size()) {
            throw new FieldTypeException(FIELD_NAMES + ", " + FIELD_DISPLAY_NAMES + " and " + FIELD_TYPES
                    + " must have the same length (" + names.size() + ", " + displayNames.size() + ", "
                    + declarations.size() + ")");
        }
        List<FieldDefinition> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!isIdentifier(name)) {
                throw new FieldTypeException("field name " + (name == null ? "null" : Rendering.quoted(name))
                        + " is not an identifier");
            }
            if (seen.contains(name)) {
                throw new FieldTypeException("field name '" + name + "' is used twice");
            }
            seen.add(name);
            if (displayNames.get(i) == null || declarations.get(i) == null) {
                throw new FieldTypeException("field '" + name + "' has no " + (displayNames.get(i) == null ? "display name" : "type"));
            }
            FieldType type;
            try {
                type = FieldType.parse(declarations.get(i));
            } catch (FieldTypeException e) {
                throw new FieldTypeException("field '" + name + "': " + e.getMessage());
            }
            fields.add(new FieldDefinition(name, displayNames.get(i), type));
        }
        return new TypeDefinition(fields, List.of());
    }

    /** Returns whether {@code name} is a jobflow identifier: a word character that is not an ASCII digit, then word characters. */
    static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        return !(first >= '0' && first <= '9') && name.codePoints().allMatch(TypeDefinition::isWordCharacter);
    }

    private static boolean isWordCharacter(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || cp == '_';
    }

    private static String entry(List<String> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }

    /** Reads a stored Array of Strings; other scalars count by their text form, null entries as missing. */
    private static List<String> strings(Value stored) {
        List<String> strings = new ArrayList<>();
        if (stored instanceof ArrayValue array) {
            for (Value item : array.items()) {
                strings.add(item instanceof NullValue ? null
                        : item instanceof StringValue s ? s.value() : Rendering.text(item));
            }
        }
        return strings;
    }

    /** Returns the fields in declaration order. */
    public List<FieldDefinition> fields() {
        return fields;
    }

    /** Returns the field called {@code name}. */
    public Optional<FieldDefinition> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Returns the field names in declaration order. */
    public List<String> fieldNames() {
        return List.copyOf(byName.keySet());
    }

    /** Returns what a lenient build tolerated (one message per problem); empty for {@link #checked}. */
    public List<String> warnings() {
        return warnings;
    }
}
