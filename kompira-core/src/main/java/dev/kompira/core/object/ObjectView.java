package dev.kompira.core.object;

import dev.kompira.core.value.Copies;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.Values;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * What one object of the tree was when it was read through {@link ObjectOperations}: its common
 * properties (objects.md §2.1), its type, and the fields its type declares, each as a jobflow reads
 * it — the stored value, or the field's default while it is unset (§2.6). Object fields read as
 * Object values, which name the object wherever it is now.
 *
 * <p>Fields that the library derives from others ({@code executable}, {@code errors} ... of a
 * Jobflow, {@code executable} and {@code document} of a Library) are not part of the view, as they
 * are not part of an export. A Config's {@code data} is not a field either.
 *
 * <p>A snapshot: later writes do not change it. Immutable and thread-safe; the Arrays and
 * Dictionaries it hands out are copies.
 */
public final class ObjectView {

    private final String path;
    private final String typePath;
    private final String typeName;
    private final String displayName;
    private final String description;
    private final String owner;
    private final Instant created;
    private final Instant updated;
    private final Map<String, Value> fields;
    private final Set<String> stored;

    /** Built by {@link ObjectBatch} from an object as a transaction sees it. */
    ObjectView(String path, String typePath, String typeName, String displayName, String description, String owner,
            Instant created, Instant updated, Map<String, Value> fields, Set<String> stored) {
        this.path = path;
        this.typePath = typePath;
        this.typeName = typeName;
        this.displayName = displayName;
        this.description = description;
        this.owner = owner;
        this.created = created;
        this.updated = updated;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.stored = Set.copyOf(stored);
    }

    /** Returns the absolute path ({@code /} for the root). */
    public String path() {
        return path;
    }

    /** Returns the name, the last element of the path ({@code ""} for the root). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Returns the name of the type ({@code Jobflow}, {@code NodeInfo}, ...). */
    public String typeName() {
        return typeName;
    }

    /** Returns the path of the type object ({@code /system/types/Jobflow}). */
    public String typePath() {
        return typePath;
    }

    /** Returns whether the object holds other objects (a Directory or a Table). */
    public boolean isContainer() {
        return ObjectBatch.CONTAINER_TYPES.contains(typePath);
    }

    /** Returns the display name (the name unless one was given). */
    public String displayName() {
        return displayName;
    }

    /** Returns the description. */
    public String description() {
        return description;
    }

    /** Returns the owner's user name. */
    public String owner() {
        return owner;
    }

    /** Returns when the object was created. */
    public Instant created() {
        return created;
    }

    /** Returns when the object was last changed. */
    public Instant updated() {
        return updated;
    }

    /** Returns the names of the fields in the view, in the order the type declares them. */
    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    /**
     * Returns field {@code name} as a jobflow value: stored, or the default while unset.
     *
     * @throws NoSuchElementException when the type declares no such field (or it is derived)
     */
    public Value field(String name) {
        Value value = fields.get(Objects.requireNonNull(name, "name"));
        if (value == null) {
            throw new NoSuchElementException(path + ": its type " + typePath + " declares no field '" + name + "'");
        }
        return Copies.deepCopy(value);
    }

    /**
     * Returns field {@code name} in plain Java ({@link Values#toJava}): a String, Long, Boolean,
     * List, Map, byte[], ZonedDateTime..., an object's path for an Object field, null for null.
     *
     * @throws NoSuchElementException when the type declares no such field
     */
    public Object javaField(String name) {
        return Values.toJava(field(name));
    }

    /**
     * Returns field {@code name} in plain Java as a {@code type}: {@code javaField("port", Long.class)}.
     *
     * @throws NoSuchElementException when the type declares no such field
     * @throws ClassCastException     when the value is not a {@code type} (nor null)
     */
    public <T> T javaField(String name, Class<T> type) {
        Object value = javaField(name);
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException(path + ": field '" + name + "' is a " + value.getClass().getSimpleName()
                    + " in Java, not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** Returns field {@code name} as {@code print} shows it: an object's path, {@code 22}, {@code [1, 2]}. */
    public String text(String name) {
        return Rendering.text(field(name));
    }

    /** Returns every field of the view as jobflow values, in declaration order. */
    public Map<String, Value> fields() {
        Map<String, Value> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> copy.put(name, Copies.deepCopy(value)));
        return copy;
    }

    /** Returns every field of the view in plain Java ({@link #javaField(String)}), in declaration order. */
    public Map<String, Object> javaFields() {
        Map<String, Object> java = new LinkedHashMap<>();
        fields.forEach((name, value) -> java.put(name, Values.toJava(value)));
        return java;
    }

    /** Returns whether field {@code name} holds a stored value (false while it reads its default). */
    public boolean isSet(String name) {
        return stored.contains(name);
    }

    /** Returns {@code path (type name)}. */
    @Override
    public String toString() {
        return path + " (" + typeName + ")";
    }
}
