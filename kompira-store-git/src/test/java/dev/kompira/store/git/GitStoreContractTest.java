package dev.kompira.store.git;

import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.ObjectStoreContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitStore} passes the whole store contract, every write committed to a real repository. */
class GitStoreContractTest extends ObjectStoreContract {

    @TempDir
    Path repository;

    @Override
    protected ObjectStore newStore(Clock clock) {
        return GitStore.open(repository, GitStoreOptions.defaults().withClock(clock));
    }
}
