package dev.kompira.core.value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * A mutable, ordered sequence of values (language.md §4.9), shared by reference (D43). Equality
 * of Arrays as values is {@link Equality#equal}; {@link #equals} is identity, so that Arrays can be
 * tracked by identity (cycles, sharing) in Java collections.
 *
 * <p>Not thread-safe: an Array belongs to one process (child processes receive deep copies).
 */
public final class ArrayValue implements Value {

    private final ArrayList<Value> items;
    private WriteBack writeBack;

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

    /** Attaches this Array to the object field it was read from (D37); see {@link WriteBack#attach}. */
    void attach(WriteBack target) {
        this.writeBack = target;
    }

    /**
     * Returns the object field this Array writes itself back to when it was read straight from one
     * (D37), or Java null: a snapshot saves it so that the Array is attached again after a resume.
     */
    public FieldAttachment fieldAttachment() {
        return writeBack instanceof FieldAttachment field ? field : null;
    }

    /**
     * Applies the in-place change {@code edit} and returns its result. An attached Array is then
     * written back to its field (D37); when that fails, the change is undone and the failure thrown.
     */
    public <T> T change(Supplier<T> edit) {
        if (writeBack == null) {
            return edit.get();
        }
        List<Value> before = new ArrayList<>(items);
        T result = edit.get();
        try {
            writeBack.write(this);
        } catch (RuntimeException e) {
            items.clear();
            items.addAll(before);
            throw e;
        }
        return result;
    }

    /** Writes this Array back to where it was read from, if it is attached: a nested value changed. */
    void writeBack() {
        if (writeBack != null) {
            writeBack.write(this);
        }
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
