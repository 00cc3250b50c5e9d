/**
 * The object tree as reviewable, versioned files in a Git repository (docs/git-store.md):
 * {@link dev.kompira.store.git.GitStore} implements the store SPI with one commit per write
 * transaction; {@link dev.kompira.store.git.GitHistory} shows and reverts changes;
 * {@link dev.kompira.store.git.StoreCheck} checks a revision as a pull-request gate; and
 * {@link dev.kompira.store.git.SecretKey} encrypts secret fields at rest. API.
 *
 * <p>The store is thread-safe (concurrent reads, serialised writes); a {@code GitHistory} is used by
 * one thread at a time.
 */
package dev.kompira.store.git;
