package dev.kompira.core.object;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.store.MemoryStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A tree initialised on first use, used first by several threads at once. */
class ObjectTreeFirstUseTest {

    private static final int THREADS = 8;

    @Test
    void threadsThatUseAFreshTreeAtOnceAllSeeTheStandardTree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 50; round++) {
                ObjectTree tree = ObjectTree.initialisedOnFirstUse(new MemoryStore(), ZoneId.of("UTC"));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> found = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    found.add(pool.submit(() -> {
                        start.await();
                        return tree.get("/config/realms").isPresent();
                    }));
                }
                start.countDown();
                for (Future<Boolean> f : found) {
                    assertTrue(f.get(), "a thread read the tree while it was being initialised (round " + round + ")");
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
