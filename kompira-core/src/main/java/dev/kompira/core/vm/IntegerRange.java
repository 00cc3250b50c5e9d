package dev.kompira.core.vm;

import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Value;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The integers {@code 0 .. count-1} that {@code for i in count} visits (D85), produced on demand so
 * that a loop over a million integers does not first build a million values.
 */
final class IntegerRange extends AbstractList<Value> implements RandomAccess {

    private final int count;

    IntegerRange(int count) {
        this.count = Math.max(count, 0);
    }

    @Override
    public Value get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        return IntegerValue.of(index);
    }

    @Override
    public int size() {
        return count;
    }
}
