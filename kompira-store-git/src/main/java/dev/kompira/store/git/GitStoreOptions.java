package dev.kompira.store.git;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link GitStore} opens its repository.
 *
 * @param branch      the branch that holds the tree ({@code main}, ...), or null for the branch the
 *                    repository's HEAD names ({@code main} in a new repository)
 * @param authorName  the name commits are authored and committed by
 * @param authorEmail the e-mail address commits are authored and committed by
 * @param clock       where the tree's timestamps and the commit times come from
 */
public record GitStoreOptions(String branch, String authorName, String authorEmail, Clock clock) {

    /** Checks the components. */
    public GitStoreOptions {
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(clock, "clock");
    }

    /** The HEAD branch, commits by {@code Kompira <kompira@localhost>}, the system clock. */
    public static GitStoreOptions defaults() {
        return new GitStoreOptions(null, "Kompira", "kompira@localhost", Clock.systemUTC());
    }

    /** Returns these options on branch {@code name}. */
    public GitStoreOptions withBranch(String name) {
        return new GitStoreOptions(name, authorName, authorEmail, clock);
    }

    /** Returns these options with commits by {@code name <email>}. */
    public GitStoreOptions withAuthor(String name, String email) {
        return new GitStoreOptions(branch, name, email, clock);
    }

    /** Returns these options with time from {@code source}. */
    public GitStoreOptions withClock(Clock source) {
        return new GitStoreOptions(branch, authorName, authorEmail, source);
    }
}
