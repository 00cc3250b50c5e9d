package dev.kompira.core.object;

import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.Transaction;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The store as the object tree uses it: every write, committed or not, advances a generation
 * counter, so that what the tree caches (type definitions, object snapshots) stays valid exactly
 * as long as nothing was written. Thread-safe.
 */
final class CountingStore implements ObjectStore {

    private final ObjectStore store;
    private final AtomicLong generation = new AtomicLong();
    private volatile Runnable beforeFirstUse;

    /** Counts the writes to {@code store}; {@code beforeFirstUse} (may be null) runs once before the first access. */
    CountingStore(ObjectStore store, Runnable beforeFirstUse) {
        this.store = store;
        this.beforeFirstUse = beforeFirstUse;
    }

    /**
     * Runs the pending preparation (initialising an empty store) once, before anything reads or
     * writes. The preparation is marked done only after it ran, so that a thread arriving meanwhile
     * waits on the monitor instead of reading a tree still being written, and it counts as a write,
     * so that nothing cached before it stays valid.
     */
    private void prepare() {
        if (beforeFirstUse != null) {
            synchronized (this) {
                Runnable pending = beforeFirstUse;
                if (pending != null) {
                    pending.run();
                    generation.incrementAndGet();
                    beforeFirstUse = null;
                }
            }
        }
    }

    /** Returns the number of writes so far, plus the store's own revision count (reloads). */
    long generation() {
        prepare();
        return generation.get() + store.revision();
    }

    @Override
    public <T> T read(Function<Transaction, T> reader) {
        prepare();
        return store.read(reader);
    }

    @Override
    public <T> T write(String message, Function<Transaction, T> work) {
        prepare();
        try {
            return store.write(message, work);
        } finally {
            generation.incrementAndGet();
        }
    }

    @Override
    public boolean isEmpty() {
        prepare();
        return store.isEmpty();
    }

    @Override
    public void close() {
        store.close();
    }
}
