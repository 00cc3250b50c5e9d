package dev.kompira.cli;

import dev.kompira.core.store.StoreException;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store DIR [--branch NAME]}: the Git repository that holds the object tree (docs/git-store.md). */
final class StoreOption {

    @Option(names = "--store", paramLabel = "DIR", description = "The Git repository that holds the object tree "
            + "(a working tree, a bare repository, or a new folder); without it the tree lives in memory for this run only.")
    Path dir;

    @Option(names = "--branch", paramLabel = "NAME", description = "The branch of --store that holds the tree "
            + "(default: the branch HEAD names).")
    String branch;

    /** Returns whether --store was given. */
    boolean given() {
        return dir != null;
    }

    /** Opens the store; problems of the repository are user errors that name the files. */
    GitStore open() {
        try {
            return GitStore.open(dir, GitStoreOptions.defaults().withBranch(branch));
        } catch (StoreException | UncheckedIOException e) {
            throw new UserError(dir + ": " + e.getMessage(), e);
        }
    }
}
