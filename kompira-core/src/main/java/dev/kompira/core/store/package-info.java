/**
 * The store SPI: {@link dev.kompira.core.store.ObjectStore} keeps the object tree and runs
 * {@link dev.kompira.core.store.Transaction}s over {@link dev.kompira.core.store.StoredObject}s;
 * {@link dev.kompira.core.store.MemoryStore} is the in-memory reference implementation, and
 * {@code kompira-store-git} keeps the tree in a Git repository. SPI; every implementation passes the
 * contract tests of {@code ObjectStoreContract} in the kompira-core test jar.
 *
 * <p>Stores are thread-safe: reads run concurrently, writes are serialised and atomic. A
 * transaction belongs to the thread that runs it.
 */
package dev.kompira.core.store;
