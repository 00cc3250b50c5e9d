package dev.kompira.core.store;

import java.util.function.Function;

/**
 * The object tree's storage: consistent reads and atomic write transactions.
 * The in-memory store is the reference implementation; the Git store keeps the tree as files. Every
 * implementation passes the contract tests of {@code ObjectStoreContract} (kompira-core test-jar).
 *
 * <p>Implementations are thread-safe: reads may run concurrently; writes are serialised, each is
 * all or nothing and becomes visible at once to later reads.
 */
public interface ObjectStore extends AutoCloseable {

    /** Runs {@code reader} on a consistent view of the tree (its writes are refused). */
    <T> T read(Function<Transaction, T> reader);

    /**
     * Runs {@code work} as one atomic transaction. {@code message} says what changes and why (the Git
     * store uses it as the commit message).
     *
     * @throws StoreException when {@code work} breaks a rule; nothing is applied
     */
    <T> T write(String message, Function<Transaction, T> work);

    /**
     * Returns a number that grows whenever the tree changes other than through {@link #write} — a
     * store that reloads its tree from elsewhere — so that caches over the store know to drop what
     * they hold. Stores whose tree changes only through writes return 0.
     */
    default long revision() {
        return 0;
    }

    /** Returns whether the store holds no tree yet (it needs initialising). */
    boolean isEmpty();

    /** Releases the store's resources. */
    @Override
    void close();
}
