package dev.kompira.store.git;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link GitStore} opens its repository.
 *
 * @param branch      the branch that holds the tree ({@code main}, ...; created by the first write if
 *                    missing), or another revision Git can name (a tag, a commit), shown read-only;
 *                    null for the branch the repository's HEAD names ({@code main} in a new repository)
 * @param authorName  the name commits are authored and committed by
 * @param authorEmail the e-mail address commits are authored and committed by
 * @param clock       where the tree's timestamps and the commit times come from
 * @param secretKey   the key of the secret fields, or null: then objects with secrets can be neither
 *                    written nor read
 */
public record GitStoreOptions(String branch, String authorName, String authorEmail, Clock clock, SecretKey secretKey) {

    /** Checks the components. */
    public GitStoreOptions {
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The HEAD branch, commits by {@code Kompira <kompira@localhost>}, the system clock, the secret key
     * in the environment variable {@value SecretKey#VARIABLE} if it is set.
     *
     * @throws IllegalArgumentException when that variable is set but does not hold a key
     */
    public static GitStoreOptions defaults() {
        return new GitStoreOptions(null, "Kompira", "kompira@localhost", Clock.systemUTC(), SecretKey.fromEnvironment().orElse(null));
    }

    /** Returns these options on branch {@code name}. */
    public GitStoreOptions withBranch(String name) {
        return new GitStoreOptions(name, authorName, authorEmail, clock, secretKey);
    }

    /** Returns these options with commits by {@code name <email>}. */
    public GitStoreOptions withAuthor(String name, String email) {
        return new GitStoreOptions(branch, name, email, clock, secretKey);
    }

    /** Returns these options with time from {@code source}. */
    public GitStoreOptions withClock(Clock source) {
        return new GitStoreOptions(branch, authorName, authorEmail, source, secretKey);
    }

    /** Returns these options with {@code key} for the secret fields (null: none). */
    public GitStoreOptions withSecretKey(SecretKey key) {
        return new GitStoreOptions(branch, authorName, authorEmail, clock, key);
    }
}
