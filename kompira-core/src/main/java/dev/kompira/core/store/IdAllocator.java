package dev.kompira.core.store;

import java.util.TreeSet;

/**
 * The ids of a {@link MemoryStore}: counting up from 1, skipping ids that imports claimed ahead of
 * the count, so that no id is ever given twice — not even one of a deleted object or of a rolled-back
 * transaction. Used under the store's write lock.
 */
final class IdAllocator {

    private long next = 1;
    private final TreeSet<Long> claimedAhead = new TreeSet<>();

    /** Returns a new id. */
    long next() {
        while (claimedAhead.remove(next)) {
            next++;
        }
        return next++;
    }

    /** Claims {@code id} if it was never given; returns whether it was. */
    boolean claim(long id) {
        return id >= next && claimedAhead.add(id);
    }
}
