package dev.kompira.core.store;

/**
 * An immutable map from object ids to values whose versions share structure: a radix trie of
 * 32-slot arrays indexed by the id's bits, five at a time. Object ids are dense (they count up
 * from 1), so the trie is compact and a lookup is a few array reads with no hashing or boxing —
 * listing 100 000 descendants stays in the low milliseconds. {@link #withAll} copies each node on
 * the way to the changed ids once.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param <V> value type
 */
final class IdMap<V> {

    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final IdMap<?> EMPTY = new IdMap<>(new Object[WIDTH], 0);

    /** The top node; never null. */
    private final Object[] root;
    /** The shift of the top level: the map holds the ids below {@code 1 << (shift + BITS)}. */
    private final int shift;

    private IdMap(Object[] root, int shift) {
        this.root = root;
        this.shift = shift;
    }

    /** Returns the empty map. */
    @SuppressWarnings("unchecked")
    static <V> IdMap<V> empty() {
        return (IdMap<V>) EMPTY;
    }

    /** Returns the value of {@code id}, or null when absent. */
    @SuppressWarnings("unchecked")
    V get(long id) {
        if (id < 0 || (id >>> shift) >>> BITS != 0) {
            return null;
        }
        Object[] node = root;
        for (int s = shift; s > 0; s -= BITS) {
            node = (Object[]) node[slot(id, s)];
            if (node == null) {
                return null;
            }
        }
        return (V) node[slot(id, 0)];
    }

    /**
     * Returns this map with {@code ids[i]} mapped to {@code values[i]}, a null value removing the id.
     *
     * @param ids    distinct non-negative ids in ascending order
     * @param values their new values, or null
     */
    IdMap<V> withAll(long[] ids, Object[] values) {
        if (ids.length == 0) {
            return this;
        }
        Object[] top = root;
        int topShift = shift;
        while ((ids[ids.length - 1] >>> topShift) >>> BITS != 0) {
            Object[] above = new Object[WIDTH];
            above[0] = top;
            top = above;
            topShift += BITS;
        }
        Object[] changed = update(top, topShift, ids, values, 0, ids.length);
        return new IdMap<>(changed == null ? new Object[WIDTH] : changed, topShift);
    }

    /** Returns a copy of {@code node} (null: an empty one) with the ids in {@code [from, to)} changed, or null when it ends empty. */
    private static Object[] update(Object[] node, int shift, long[] ids, Object[] values, int from, int to) {
        Object[] copy = node == null ? new Object[WIDTH] : node.clone();
        int i = from;
        while (i < to) {
            int slot = slot(ids[i], shift);
            int end = i + 1;
            while (end < to && slot(ids[end], shift) == slot) {
                end++;
            }
            copy[slot] = shift == 0 ? values[i] : update((Object[]) copy[slot], shift - BITS, ids, values, i, end);
            i = end;
        }
        for (Object slot : copy) {
            if (slot != null) {
                return copy;
            }
        }
        return null;
    }

    private static int slot(long id, int shift) {
        return (int) (id >>> shift) & MASK;
    }
}
