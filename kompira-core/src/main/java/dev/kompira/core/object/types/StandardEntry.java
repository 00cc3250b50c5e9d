package dev.kompira.core.object.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Value;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One object of the standard tree (objects.md §1.4) with the data it starts with. Field values are
 * given in <em>write form</em>: as a jobflow would write them, Object fields holding absolute path
 * strings, so a store initialiser converts each with the type's declaration
 * ({@link FieldType#convert}) once the objects they name exist. Every accessor returns new values.
 *
 * <p>Immutable and thread-safe.
 */
public final class StandardEntry {

    /** Whether a store initialised by the library must create the entry (§1.4 column "library"). */
    public enum Level {
        /** The engine or the built-in types rely on it. */
        REQUIRED,
        /** Created by default; harmless. */
        RECOMMENDED
    }

    private final String path;
    private final String typeName;
    private final String displayName;
    private final Level level;
    private final ObjectNode fields;
    private final ObjectNode configData;
    private final ObjectNode userPermissions;
    private final ObjectNode groupPermissions;

    StandardEntry(String path, String typeName, String displayName, Level level, ObjectNode fields,
            ObjectNode configData, ObjectNode userPermissions, ObjectNode groupPermissions) {
        this.path = Objects.requireNonNull(path, "path");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.level = Objects.requireNonNull(level, "level");
        this.fields = fields;
        this.configData = configData;
        this.userPermissions = userPermissions;
        this.groupPermissions = groupPermissions;
    }

    /** Returns the absolute path ({@code /} for the root). */
    public String path() {
        return path;
    }

    /** Returns the last path element ({@code ""} for the root). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Returns the parent's path ({@code /} for the root itself and for its children). */
    public String parentPath() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Returns the name of the entry's built-in type, e.g. {@code Channel}. */
    public String typeName() {
        return typeName;
    }

    /** Returns the display name. */
    public String displayName() {
        return displayName;
    }

    /** Returns whether the entry is required or recommended. */
    public Level level() {
        return level;
    }

    /** Returns the owner of every standard entry, {@code root} (§1.4). */
    public String owner() {
        return StandardTree.OWNER;
    }

    /** Returns the initial field values in write form (see the class comment), in declaration order. */
    public Map<String, Value> fields() {
        return values(fields);
    }

    /** Returns the initial {@code data} of a Config (§4.9) in write form; empty for other types. */
    public Map<String, Value> configData() {
        return values(configData);
    }

    /** Returns the initial {@code user_permissions}. */
    public DictionaryValue userPermissions() {
        return (DictionaryValue) JsonValues.toValue(userPermissions);
    }

    /** Returns the initial {@code group_permissions}. */
    public DictionaryValue groupPermissions() {
        return (DictionaryValue) JsonValues.toValue(groupPermissions);
    }

    private static Map<String, Value> values(ObjectNode node) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), JsonValues.toValue(entry.getValue()));
        }
        return values;
    }

    @Override
    public String toString() {
        return path + " (" + typeName + ", " + level + ")";
    }
}
