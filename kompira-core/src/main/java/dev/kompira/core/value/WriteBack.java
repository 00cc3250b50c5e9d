package dev.kompira.core.value;

/**
 * Where an Array or Dictionary read from an object field writes itself back after an in-place
 * change (language.md D37): an update job on one of its elements, {@code add_item},
 * {@code del_item} or {@code pop_item}. Values derived from an attached one (copies, {@code +},
 * {@code get_keys()}) are not attached.
 */
@FunctionalInterface
public interface WriteBack {

    /** Stores {@code container}, just changed in place, where it was read from. */
    void write(Value container);

    /**
     * Attaches {@code value} to {@code target} when it is an Array or Dictionary, and every Array or
     * Dictionary nested in it to its parent, so that a change at any depth writes the whole value
     * back. Returns {@code value}.
     */
    static Value attach(Value value, WriteBack target) {
        if (value instanceof ArrayValue a) {
            a.attach(target);
            a.items().forEach(item -> attach(item, changed -> a.writeBack()));
        } else if (value instanceof DictionaryValue d) {
            d.attach(target);
            d.entries().forEach(e -> attach(e.getValue(), changed -> d.writeBack()));
        }
        return value;
    }
}
