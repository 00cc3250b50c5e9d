package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A mutable mapping that remembers insertion order (language.md §4.10), shared by reference
 * (D43). Keys are compared with the language's {@code ==} (D33): {@code 1} and {@code 1.0} are one
 * key, {@code true} and {@code 1} are two. Replacing the value of a key keeps the key's position;
 * removing and re-adding it moves it to the end.
 *
 * <p>Not thread-safe: a Dictionary belongs to one process (child processes receive deep copies).
 */
public final class DictionaryValue implements Value {

    private final LinkedHashMap<Key, Value> entries = new LinkedHashMap<>();
    private WriteBack writeBack;

    /** Creates an empty Dictionary. */
    public DictionaryValue() {
    }

    /** Returns the value for {@code key}, or Java {@code null} when absent. */
    public Value get(Value key) {
        return entries.get(new Key(key));
    }

    /** Returns the value for the String key {@code key}, or Java {@code null} when absent. */
    public Value get(String key) {
        return get(StringValue.of(key));
    }

    /** Sets the value for {@code key}, adding the key at the end when it is new. */
    public void put(Value key, Value value) {
        entries.put(new Key(key), value);
    }

    /** Sets the value for the String key {@code key}. */
    public void put(String key, Value value) {
        put(StringValue.of(key), value);
    }

    /** Removes {@code key}; returns its value or Java {@code null} when it was absent. */
    public Value remove(Value key) {
        return entries.remove(new Key(key));
    }

    /** Returns whether {@code key} is a key. */
    public boolean containsKey(Value key) {
        return entries.containsKey(new Key(key));
    }

    /** Returns the number of entries. */
    public int size() {
        return entries.size();
    }

    /** Returns the keys, in order, as a new list. */
    public List<Value> keys() {
        List<Value> keys = new ArrayList<>(entries.size());
        for (Key key : entries.keySet()) {
            keys.add(key.value());
        }
        return keys;
    }

    /** Returns the entries, in order, as a new list. */
    public List<Map.Entry<Value, Value>> entries() {
        List<Map.Entry<Value, Value>> list = new ArrayList<>(entries.size());
        for (Map.Entry<Key, Value> e : entries.entrySet()) {
            list.add(Map.entry(e.getKey().value(), e.getValue()));
        }
        return list;
    }

    /** Attaches this Dictionary to the object field it was read from (D37); see {@link WriteBack#attach}. */
    void attach(WriteBack target) {
        this.writeBack = target;
    }

    /**
     * Returns the object field this Dictionary writes itself back to when it was read straight from one
     * (D37), or Java null: a snapshot saves it so that the Dictionary is attached again after a resume.
     */
    public FieldAttachment fieldAttachment() {
        return writeBack instanceof FieldAttachment field ? field : null;
    }

    /**
     * Applies the in-place change {@code edit} and returns its result. An attached Dictionary is then
     * written back to its field (D37); when that fails, the change is undone and the failure thrown.
     */
    public <T> T change(Supplier<T> edit) {
        if (writeBack == null) {
            return edit.get();
        }
        LinkedHashMap<Key, Value> before = new LinkedHashMap<>(entries);
        T result = edit.get();
        try {
            writeBack.write(this);
        } catch (RuntimeException e) {
            entries.clear();
            entries.putAll(before);
            throw e;
        }
        return result;
    }

    /** Writes this Dictionary back to where it was read from, if it is attached: a nested value changed. */
    void writeBack() {
        if (writeBack != null) {
            writeBack.write(this);
        }
    }

    @Override
    public String typeName() {
        return "Dictionary";
    }

    @Override
    public boolean truthy() {
        return !entries.isEmpty();
    }

    @Override
    public String toString() {
        return Rendering.text(this);
    }

    /** A key compared with the language's {@code ==}. */
    private record Key(Value value) {

        Key {
            if (value instanceof ArrayValue || value instanceof DictionaryValue) {
                throw new JobflowError(ErrorCode.R_TYPE, "unhashable key type '" + value.typeName() + "'");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Equality.equal(value, k.value);
        }

        @Override
        public int hashCode() {
            return Equality.hash(value);
        }
    }
}
