package dev.kompira.core.value;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Deep copies for child processes and channel messages (language.md §4.17): Arrays and
 * Dictionaries are duplicated, keeping the sharing and cycles among them; every other value is
 * immutable or a reference (objects, processes, channels) and is kept as it is.
 */
public final class Copies {

    private Copies() {
    }

    /** Returns a deep copy of {@code value}. */
    public static Value deepCopy(Value value) {
        return new Copier().copy(value);
    }

    /** Copies several values with one identity map, so sharing between them survives (a process's variables). */
    public static final class Copier {

        private final Map<Value, Value> copies = new IdentityHashMap<>();

        /** Returns the copy of {@code value}, reusing the copy of a container already copied. */
        public Value copy(Value value) {
            if (value == null || !(value instanceof ArrayValue || value instanceof DictionaryValue)) {
                return value;
            }
            Value done = copies.get(value);
            if (done != null) {
                return done;
            }
            if (value instanceof ArrayValue a) {
                ArrayValue copy = new ArrayValue();
                copies.put(value, copy);
                for (Value item : a.items()) {
                    copy.items().add(copy(item));
                }
                return copy;
            }
            DictionaryValue copy = new DictionaryValue();
            copies.put(value, copy);
            for (Map.Entry<Value, Value> e : ((DictionaryValue) value).entries()) {
                copy.put(copy(e.getKey()), copy(e.getValue()));
            }
            return copy;
        }
    }
}
