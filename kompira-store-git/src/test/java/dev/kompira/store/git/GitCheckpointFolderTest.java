package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.CheckpointStore;
import dev.kompira.core.process.CheckpointStoreContract;
import dev.kompira.core.process.DirectoryCheckpointStore;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint folder of a {@link GitStore} ({@link GitStore#checkpointFolder()}) holds a
 * {@link DirectoryCheckpointStore} that passes the checkpoint store contract, in a real repository,
 * and its records never become history.
 */
class GitCheckpointFolderTest extends CheckpointStoreContract {

    @TempDir
    Path repository;

    private GitStore store;

    @BeforeEach
    void openStore() {
        store = GitStore.open(repository, GitStoreOptions.defaults());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected Path folder() {
        return store.checkpointFolder();
    }

    @Test
    void savedProcessesAreNeverCommittedNorSeenInTheWorkTree() throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            ObjectId head = git.getRepository().resolve("HEAD");
            CheckpointStore checkpoints = new DirectoryCheckpointStore(folder());
            checkpoints.save(1, "{\"format\": 2, \"pid\": 1}");
            checkpoints.save(2, "{\"format\": 2, \"pid\": 2}");
            checkpoints.remove(2);

            assertTrue(folder().startsWith(git.getRepository().getDirectory().toPath()), "kept inside the git directory: " + folder());
            assertEquals(head, git.getRepository().resolve("HEAD"), "no commit");
            assertTrue(git.status().call().isClean(), "nothing to commit");
        }
    }

    @Test
    void eachBranchHasItsOwnFolder() throws IOException {
        try (GitStore other = GitStore.open(repository, GitStoreOptions.defaults().withBranch("staging"))) {
            new DirectoryCheckpointStore(folder()).save(1, "main's process");
            new DirectoryCheckpointStore(other.checkpointFolder()).save(1, "staging's process");
            assertEquals("main's process", new DirectoryCheckpointStore(folder()).load().get(1L));
        }
    }
}
