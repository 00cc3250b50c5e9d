package dev.kompira.core.process;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link DirectoryCheckpointStore} in a folder of its own passes the checkpoint store contract. */
class DirectoryCheckpointStoreTest extends CheckpointStoreContract {

    @TempDir
    Path dir;

    @Override
    protected Path folder() {
        return dir.resolve("checkpoints");
    }
}
