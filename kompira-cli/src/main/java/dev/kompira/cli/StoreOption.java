package dev.kompira.cli;

import dev.kompira.core.store.StoreException;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import dev.kompira.store.git.SecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store DIR [--branch NAME]}: the Git repository that holds the object tree (docs/git-store.md). */
final class StoreOption {

    @Option(names = "--store", paramLabel = "DIR", description = "The Git repository that holds the object tree "
            + "(a working tree, a bare repository, or a new folder); without it the tree lives in memory for this run only.")
    Path dir;

    @Option(names = {"--ref", "--branch"}, paramLabel = "REF", description = "The branch of --store that holds the tree "
            + "(default: the branch HEAD names), or a tag or commit, whose tree is then used read-only.")
    String branch;

    @Option(names = "--secret-key-file", paramLabel = "FILE", description = "The key that encrypts Password fields in "
            + "--store (32 bytes in Base64 or 64 hex digits; default: the environment variable KOMPIRA_SECRET_KEY).")
    Path keyFile;

    /** Returns whether --store was given. */
    boolean given() {
        return dir != null;
    }

    /** Opens the store; problems of the repository are user errors that name the files. */
    GitStore open() {
        try {
            return openForCheck();
        } catch (StoreException e) {
            throw new UserError(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the store, letting an {@link dev.kompira.store.git.InvalidTreeException} through for the
     * caller to report file by file; other problems are user errors.
     */
    GitStore openForCheck() {
        try {
            GitStoreOptions options = GitStoreOptions.defaults().withBranch(branch);
            return GitStore.open(dir, keyFile == null ? options : options.withSecretKey(SecretKey.fromFile(keyFile)));
        } catch (dev.kompira.store.git.InvalidTreeException e) {
            throw e;
        } catch (StoreException | UncheckedIOException | IllegalArgumentException e) {
            throw new UserError(dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read the key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Fails with a user error unless --store was given. */
    void require(String command) {
        if (!given()) {
            throw new UserError(command + " needs --store DIR");
        }
    }

    /** Runs a history operation; its store problems (no such revision, a conflict) are user errors. */
    <T> T history(GitStore git, java.util.function.Function<dev.kompira.store.git.GitHistory, T> operation) {
        try {
            return operation.apply(git.history());
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
