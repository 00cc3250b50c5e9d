package dev.kompira.core.store;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The in-memory object store: the reference implementation of {@link ObjectStore} and the test
 * double for everything built on it.
 *
 * <p><b>Creating the root.</b> A new store is empty ({@link #isEmpty()}). Its first write must
 * create the root with {@code create(0, "", typeId, displayName, owner, fields)}: parent id
 * {@code 0} and the empty name are accepted for that call only (the root becomes its own parent,
 * path {@code /}); any other write first, a second root, parent 0 with a name, or an empty name
 * under a real parent is an error. Type ids are not checked against the tree, because the root's
 * type, {@code /system/types/Directory}, can only be created below the root; they must be positive
 * or {@link Transaction#SELF_TYPED}.
 *
 * <p><b>Ids</b> count up from 1 in creation order and are never reused, not even those handed out
 * in a transaction that was then rolled back.
 *
 * <p><b>Concurrency.</b> The committed tree is an immutable snapshot (persistent maps that share
 * structure between versions). {@link #read} runs on the snapshot current when it starts, without
 * locking: readers never block writers nor each other, and every reader sees either the tree
 * before a write or the tree after it. {@link #write}s are serialised by one lock; each runs
 * against a private overlay of the snapshot and commits by publishing a new snapshot. An exception
 * that leaves the work (a {@link StoreException} or any other) discards the overlay: the tree is
 * exactly as before. A write started inside a write on the same thread is refused
 * ({@link IllegalStateException}), because it could not be atomic with the outer one.
 *
 * <p><b>Operations are atomic too.</b> A transaction operation that throws changes nothing, so
 * work that catches a {@link StoreException} may go on and commit the rest.
 *
 * <p><b>Time.</b> Every timestamp a transaction writes ({@code created}, {@code updated}) is the
 * one instant it reads from the clock when it first needs one: a transaction happens at one moment.
 *
 * <p><b>Values.</b> Field values and permission Dictionaries are deep-copied on write
 * ({@link dev.kompira.core.value.Copies}), so a caller's later changes to its Arrays and
 * Dictionaries never reach the store. The snapshots handed out ({@link StoredObject}) are shared
 * with the store and with other readers: as {@link StoredObject} says, callers must not change the
 * Arrays and Dictionaries inside them.
 *
 * <p>Thread-safe.
 */
public final class MemoryStore implements ObjectStore {

    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Snapshot current = Snapshot.EMPTY;
    private volatile boolean closed;
    /** The next id to hand out; guarded by {@link #writeLock}, outside the snapshot so that rollbacks do not rewind it. */
    private final IdAllocator ids = new IdAllocator();

    /** Sees each write before it becomes visible; may refuse it by throwing. */
    private final CommitListener listener;

    /**
     * Sees every write of a store before it becomes visible, inside the store's write lock: a store
     * that keeps the tree elsewhere (the Git store) persists the changes here. Throwing refuses the
     * write: nothing of it becomes visible.
     */
    @FunctionalInterface
    public interface CommitListener {

        /** The write described by {@code message} made {@code changes} (ordered by object id). */
        void committing(String message, java.util.List<StoreChange> changes);
    }

    /** Creates an empty store whose timestamps come from the system clock (UTC). */
    public MemoryStore() {
        this(Clock.systemUTC());
    }

    /** Creates an empty store whose timestamps come from {@code clock}. */
    public MemoryStore(Clock clock) {
        this(clock, (message, changes) -> { });
    }

    /** Creates an empty store whose timestamps come from {@code clock} and whose writes {@code listener} sees first. */
    public MemoryStore(Clock clock, CommitListener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs on the snapshot current at the call, without locking (a read inside a write sees the
     * committed tree, not the write's changes); the transaction refuses writes with
     * {@code StoreException("read-only transaction")} and is unusable after {@code reader} returns.
     *
     * @throws IllegalStateException when the store is closed
     */
    @Override
    public <T> T read(Function<Transaction, T> reader) {
        Objects.requireNonNull(reader, "reader");
        checkOpen();
        MemoryTransaction tx = MemoryTransaction.reading(current);
        try {
            return reader.apply(tx);
        } finally {
            tx.finish();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits for earlier writes to finish. The message is not kept: the memory store has no
     * history.
     *
     * @throws IllegalStateException when the store is closed, or a write is already running on
     *                               this thread
     */
    @Override
    public <T> T write(String message, Function<Transaction, T> work) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(work, "work");
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a write transaction is already running on this thread");
        }
        writeLock.lock();
        try {
            checkOpen();
            MemoryTransaction tx = MemoryTransaction.writing(current, clock, ids);
            try {
                T result = work.apply(tx);
                checkOpen(); // the work itself may have closed the store
                Snapshot next = tx.commit();
                listener.committing(message, tx.changes());
                current = next;
                return result;
            } finally {
                tx.finish();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the store is closed
     */
    @Override
    public boolean isEmpty() {
        checkOpen();
        return current.rootId() == MemoryTransaction.NO_ID;
    }

    /**
     * Closes the store and drops its tree; later calls fail. Waits for a running write, so that it
     * cannot commit into a closed store; running reads finish on their snapshot. Idempotent.
     */
    @Override
    public void close() {
        writeLock.lock();
        try {
            closed = true;
            current = Snapshot.EMPTY;
        } finally {
            writeLock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /**
     * One committed version of the tree; immutable.
     *
     * @param objects every object, with the ids of its children, by id
     * @param paths   every object's id by absolute path
     * @param rootId  the root's id, or {@link MemoryTransaction#NO_ID} while the store is empty
     */
    record Snapshot(IdMap<Entry> objects, PersistentMap<String, Long> paths, long rootId) {

        static final Snapshot EMPTY = new Snapshot(IdMap.empty(), PersistentMap.empty(), MemoryTransaction.NO_ID);
    }

    /**
     * One object of a snapshot with its children, kept together so that walking the tree costs one
     * lookup per object.
     *
     * @param object   the object
     * @param children its children's ids, ascending; never changed once in a snapshot
     */
    record Entry(StoredObject object, long[] children) {
    }
}
