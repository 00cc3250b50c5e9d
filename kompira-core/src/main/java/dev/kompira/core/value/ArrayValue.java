package dev.kompira.core.value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A mutable, ordered sequence of values (language.md §4.9), shared by reference (D43). Equality
 * of Arrays as values is {@link Equality#equal}; {@link #equals} is identity, so that Arrays can be
 * tracked by identity (cycles, sharing) in Java collections.
 *
 * <p>Not thread-safe: an Array belongs to one process (child processes receive deep copies).
 */
public final class ArrayValue implements Value {

    private final ArrayList<Value> items;

    /** Creates an empty Array. */
    public ArrayValue() {
        this.items = new ArrayList<>();
    }

    /** Creates an Array holding the elements of {@code items}, in order. */
    public ArrayValue(Collection<? extends Value> items) {
        this.items = new ArrayList<>(items);
    }

    /** Creates an Array holding {@code items}, in order. */
    public static ArrayValue of(Value... items) {
        return new ArrayValue(List.of(items));
    }

    /** Returns the live list of elements; changes to it change the Array. */
    public List<Value> items() {
        return items;
    }

    /** Returns the number of elements. */
    public int size() {
        return items.size();
    }

    /** Returns the element at {@code index} (0-based, already normalised). */
    public Value get(int index) {
        return items.get(index);
    }

    /** Returns a new list holding the current elements (for iteration snapshots). */
    public List<Value> snapshot() {
        return List.copyOf(items);
    }

    @Override
    public String typeName() {
        return "Array";
    }

    @Override
    public boolean truthy() {
        return !items.isEmpty();
    }

    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
