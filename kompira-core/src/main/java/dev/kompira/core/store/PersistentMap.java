package dev.kompira.core.store;

import java.util.Arrays;

/**
 * An immutable hash map whose versions share structure (a hash array mapped trie). A
 * {@link Batch} derives a new version by copying only the nodes on the way to the keys it changes
 * (at most seven levels of 32 slots), and each such node only once per batch, so that
 * {@link MemoryStore} publishes a new snapshot per transaction without copying the whole tree while
 * readers go on using the old version.
 *
 * <p>Keys need consistent {@code equals} and {@code hashCode}; null keys and values are not
 * allowed. A map is immutable once {@link Batch#build} has returned it; it is thread-safe when
 * published safely (the memory store publishes through a volatile field).
 *
 * @param <K> key type
 * @param <V> value type
 */
final class PersistentMap<K, V> {

    private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(Branch.EMPTY);

    private final Branch root;

    private PersistentMap(Branch root) {
        this.root = root;
    }

    /** Returns the empty map. */
    @SuppressWarnings("unchecked")
    static <K, V> PersistentMap<K, V> empty() {
        return (PersistentMap<K, V>) EMPTY;
    }

    /** Returns the value of {@code key}, or null when absent. */
    @SuppressWarnings("unchecked")
    V get(K key) {
        Leaf leaf = root.find(key.hashCode());
        return leaf == null ? null : (V) leaf.get(key);
    }

    /** Returns a batch of changes to this map; the map itself never changes. */
    Batch<K, V> batch() {
        return new Batch<>(root);
    }

    /**
     * Changes that make a new map. The nodes it creates are marked with the batch's token and
     * changed in place by its later changes; once {@link #build} has returned they are frozen.
     * Not thread-safe.
     *
     * @param <K> key type
     * @param <V> value type
     */
    static final class Batch<K, V> {

        private final Object token = new Object();
        private Branch root;

        private Batch(Branch root) {
            this.root = root;
        }

        /** Maps {@code key} to {@code value}. */
        void put(K key, V value) {
            root = open().with(key.hashCode(), key, value, 0, token);
        }

        /** Removes {@code key}. */
        void remove(K key) {
            root = open().without(key.hashCode(), key, 0, token);
        }

        /** Returns the new map; the batch cannot be used afterwards. */
        PersistentMap<K, V> build() {
            PersistentMap<K, V> built = new PersistentMap<>(open());
            root = null;
            return built;
        }

        private Branch open() {
            if (root == null) {
                throw new IllegalStateException("the batch is built");
            }
            return root;
        }
    }

    /**
     * An inner node: a bitmap of the occupied slots among 32 (one per 5 bits of the hash at this
     * level) and, packed, the occupants — a {@link Leaf} or a deeper {@link Branch}. Below the root
     * no branch holds just one leaf (removal pulls such a leaf up), so lookups stay short. A node
     * whose {@link #edit} is a batch's token was created by that batch, which may change it in place.
     */
    private static final class Branch {

        static final Branch EMPTY = new Branch(null, 0, new Object[0]);

        private final Object edit;
        private int bitmap;
        private Object[] slots;

        Branch(Object edit, int bitmap, Object[] slots) {
            this.edit = edit;
            this.bitmap = bitmap;
            this.slots = slots;
        }

        static int bit(int hash, int shift) {
            return 1 << ((hash >>> shift) & 31);
        }

        int index(int bit) {
            return Integer.bitCount(bitmap & (bit - 1));
        }

        /** Returns the leaf holding the keys of hash {@code hash}, or null. A loop: this is the hot path. */
        Leaf find(int hash) {
            Branch node = this;
            for (int shift = 0; ; shift += 5) {
                int bit = bit(hash, shift);
                if ((node.bitmap & bit) == 0) {
                    return null;
                }
                Object slot = node.slots[node.index(bit)];
                if (slot instanceof Leaf) {
                    Leaf leaf = (Leaf) slot;
                    return leaf.hash == hash ? leaf : null;
                }
                node = (Branch) slot;
            }
        }

        Branch with(int hash, Object key, Object value, int shift, Object token) {
            int bit = bit(hash, shift);
            int i = index(bit);
            if ((bitmap & bit) == 0) {
                return changed(token, bitmap | bit, inserted(slots, i, new Leaf(hash, key, value)));
            }
            Object slot = slots[i];
            Object changed;
            if (slot instanceof Leaf) {
                Leaf leaf = (Leaf) slot;
                changed = leaf.hash == hash ? leaf.with(key, value)
                        : split(leaf, new Leaf(hash, key, value), shift + 5, token);
            } else {
                changed = ((Branch) slot).with(hash, key, value, shift + 5, token);
            }
            return changed == slot ? this : replacing(token, i, changed);
        }

        /** Returns a branch holding two leaves of different hashes that share the bits below {@code shift}. */
        static Branch split(Leaf a, Leaf b, int shift, Object token) {
            int bitA = bit(a.hash, shift);
            int bitB = bit(b.hash, shift);
            if (bitA == bitB) {
                return new Branch(token, bitA, new Object[] {split(a, b, shift + 5, token)});
            }
            Object[] pair = Integer.compareUnsigned(bitA, bitB) < 0 ? new Object[] {a, b} : new Object[] {b, a};
            return new Branch(token, bitA | bitB, pair);
        }

        Branch without(int hash, Object key, int shift, Object token) {
            int bit = bit(hash, shift);
            if ((bitmap & bit) == 0) {
                return this;
            }
            int i = index(bit);
            Object slot = slots[i];
            Object changed;
            if (slot instanceof Leaf) {
                Leaf leaf = (Leaf) slot;
                if (leaf.hash != hash) {
                    return this;
                }
                changed = leaf.without(key);
            } else {
                Branch child = (Branch) slot;
                Branch after = child.without(hash, key, shift + 5, token);
                // a child changed in place is the same object, so compaction is judged on it in any case
                changed = after.compacted();
                if (after == child && changed == child) {
                    return this;
                }
            }
            if (changed == slot) {
                return this;
            }
            if (changed == null) {
                return changed(token, bitmap & ~bit, removed(slots, i));
            }
            return replacing(token, i, changed);
        }

        /** Returns what should take this branch's place in its parent: nothing, its only leaf, or itself. */
        Object compacted() {
            if (slots.length == 0) {
                return null;
            }
            return slots.length == 1 && slots[0] instanceof Leaf ? slots[0] : this;
        }

        private Branch replacing(Object token, int i, Object slot) {
            if (edit == token) {
                slots[i] = slot;
                return this;
            }
            return new Branch(token, bitmap, replaced(slots, i, slot));
        }

        private Branch changed(Object token, int newBitmap, Object[] newSlots) {
            if (edit == token) {
                bitmap = newBitmap;
                slots = newSlots;
                return this;
            }
            return new Branch(token, newBitmap, newSlots);
        }
    }

    /** The entries whose keys share one full hash code: almost always one entry. */
    private static final class Leaf {

        private final int hash;
        private final Object[] keys;
        private final Object[] values;

        Leaf(int hash, Object key, Object value) {
            this(hash, new Object[] {key}, new Object[] {value});
        }

        private Leaf(int hash, Object[] keys, Object[] values) {
            this.hash = hash;
            this.keys = keys;
            this.values = values;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        Object get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        Leaf with(Object key, Object value) {
            int i = indexOf(key);
            if (i < 0) {
                return new Leaf(hash, inserted(keys, keys.length, key), inserted(values, values.length, value));
            }
            return values[i] == value ? this : new Leaf(hash, keys, replaced(values, i, value));
        }

        /** Returns the leaf without {@code key}: itself when absent, null when it becomes empty. */
        Leaf without(Object key) {
            int i = indexOf(key);
            if (i < 0) {
                return this;
            }
            return keys.length == 1 ? null : new Leaf(hash, removed(keys, i), removed(values, i));
        }
    }

    private static Object[] inserted(Object[] array, int index, Object item) {
        Object[] copy = new Object[array.length + 1];
        System.arraycopy(array, 0, copy, 0, index);
        copy[index] = item;
        System.arraycopy(array, index, copy, index + 1, array.length - index);
        return copy;
    }

    private static Object[] replaced(Object[] array, int index, Object item) {
        Object[] copy = Arrays.copyOf(array, array.length);
        copy[index] = item;
        return copy;
    }

    private static Object[] removed(Object[] array, int index) {
        Object[] copy = new Object[array.length - 1];
        System.arraycopy(array, 0, copy, 0, index);
        System.arraycopy(array, index + 1, copy, index, copy.length - index);
        return copy;
    }
}
