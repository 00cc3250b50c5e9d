/**
 * The object tree as jobflows and embedders see it: {@link dev.kompira.core.object.ObjectTree}
 * (path resolution, typed and validated reads and writes over a store),
 * {@link dev.kompira.core.object.ObjectValue} (an object as a jobflow value) and
 * {@link dev.kompira.core.object.TreeInitializer} (the standard tree of a fresh store). API, except
 * the types marked {@link dev.kompira.dsl.Internal}.
 *
 * <p>Thread-safe: every access reads the current state from the store, and each write is one store
 * transaction.
 */
package dev.kompira.core.object;
