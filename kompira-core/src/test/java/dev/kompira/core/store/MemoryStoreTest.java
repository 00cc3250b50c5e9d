package dev.kompira.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.IntegerValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link MemoryStore}: the contract, plus what the memory store promises beyond it. */
class MemoryStoreTest extends ObjectStoreContract {

    @Override
    protected ObjectStore newStore(Clock clock) {
        return new MemoryStore(clock);
    }

    @Test
    void idsCountUpFromOne() {
        assertEquals(1, initRoot().id());
        assertEquals(2, mkdirs("/a").id());
        assertEquals(3, mkdirs("/a/b").id());
    }

    @Test
    void idsHandedOutInARolledBackTransactionAreNotReused() {
        StoredObject root = initRoot();
        AtomicReference<StoredObject> lost = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> store.write("lost", tx -> {
            lost.set(tx.create(root.id(), "lost", TYPE, null, OWNER, Map.of()));
            throw new IllegalStateException("roll back");
        }));
        assertEquals(Optional.empty(), find("/lost"));
        assertEquals(lost.get().id() + 1, mkdirs("/kept").id());
    }

    @Test
    void readsDoNotWaitForARunningWrite() throws Exception {
        initRoot();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<StoredObject> write = writer.submit(() -> store.write("slow", tx -> {
                StoredObject slow = tx.create(tx.root().id(), "slow", TYPE, null, OWNER, Map.of());
                writing.countDown();
                await(release);
                return slow;
            }));
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), find("/slow"), "the read ran during the write and saw the tree before it");
            release.countDown();
            write.get(10, TimeUnit.SECONDS);
            assertTrue(find("/slow").isPresent());
        } finally {
            release.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void writesDoNotWaitForARunningRead() throws Exception {
        StoredObject root = initRoot();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            store.read(tx -> {
                Future<StoredObject> write = writer.submit(
                        () -> store.write("during a read", t -> t.create(root.id(), "new", TYPE, null, OWNER, Map.of())));
                assertEquals("/new", getQuietly(write).path(), "the write committed while the read was running");
                assertEquals(Optional.empty(), tx.get("/new"));
                return null;
            });
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aWriteInsideAWriteOnTheSameThreadIsRefused() {
        StoredObject root = initRoot();
        store.write("outer", tx -> {
            tx.create(root.id(), "outer", TYPE, null, OWNER, Map.of());
            assertThrows(IllegalStateException.class, () -> store.write("inner", inner -> null));
            return null;
        });
        assertTrue(find("/outer").isPresent(), "the outer write goes on");
    }

    @Test
    void sharingAmongTheValuesOfOneWriteIsKept() {
        StoredObject root = initRoot();
        ArrayValue shared = ArrayValue.of(IntegerValue.of(1));
        StoredObject o = store.write("create", tx -> tx.create(root.id(), "o", TYPE, null, OWNER,
                Map.of("first", shared, "second", shared)));
        assertSame(o.fields().get("first"), o.fields().get("second"));
        assertNotSame(shared, o.fields().get("first"));
    }

    @Test
    void aReadInsideAWriteSeesTheCommittedTree() {
        StoredObject root = initRoot();
        store.write("outer", tx -> {
            tx.create(root.id(), "pending", TYPE, null, OWNER, Map.of());
            assertEquals(Optional.empty(), find("/pending"));
            return null;
        });
        assertTrue(find("/pending").isPresent());
    }

    @Test
    void aWriteWhoseWorkClosesTheStoreCommitsNothing() {
        StoredObject root = initRoot();
        assertThrows(IllegalStateException.class, () -> store.write("closing", tx -> {
            tx.create(root.id(), "late", TYPE, null, OWNER, Map.of());
            store.close();
            return null;
        }));
        assertThrows(IllegalStateException.class, () -> find("/late"));
    }

    @Test
    void aTransactionIsUnusableAfterItsReadOrWrite() {
        initRoot();
        Transaction reader = store.read(tx -> tx);
        Transaction writer = store.write("escape", tx -> tx);
        assertThrows(IllegalStateException.class, reader::root);
        assertThrows(IllegalStateException.class, () -> writer.get("/"));
        assertThrows(IllegalStateException.class, () -> writer.delete(1));
    }

    @Test
    void oneTransactionWritesOneInstant() {
        MemoryStore ticking = new MemoryStore(new TickingClock());
        StoredObject[] made = ticking.write("init", tx -> {
            StoredObject root = tx.create(0, "", TYPE, null, OWNER, Map.of());
            StoredObject a = tx.create(root.id(), "a", TYPE, null, OWNER, Map.of());
            return new StoredObject[] {root, a, tx.update(a.id(), ObjectUpdate.fields(Map.of()))};
        });
        assertEquals(made[0].created(), made[1].created());
        assertEquals(made[0].created(), made[2].updated());
        StoredObject later = ticking.write("later", tx -> tx.create(made[0].id(), "b", TYPE, null, OWNER, Map.of()));
        assertTrue(later.created().isAfter(made[0].created()));
    }

    @Test
    void theDefaultClockIsTheSystemClock() {
        Instant before = Instant.now();
        try (MemoryStore system = new MemoryStore()) {
            StoredObject root = system.write("init", tx -> tx.create(0, "", TYPE, null, OWNER, Map.of()));
            assertTrue(!root.created().isBefore(before) && !root.created().isAfter(Instant.now()));
        }
    }

    @Test
    void listsReturnedCannotBeChanged() {
        initRoot();
        mkdirs("/a/b");
        long root = get("/").id();
        assertThrows(UnsupportedOperationException.class, () -> store.read(tx -> tx.children(root)).clear());
        assertThrows(UnsupportedOperationException.class, () -> store.read(tx -> tx.descendants(root)).clear());
    }

    @Test
    void aClosedStoreCannotTellWhetherItIsEmpty() {
        initRoot();
        store.close();
        assertThrows(IllegalStateException.class, store::isEmpty);
    }

    @Test
    void aHundredThousandChildrenAreCreatedInOneTransactionAndListedInOrder() {
        // how fast is for kompira-bench (ObjectFigures); a timed assertion here would only measure the machine's load
        StoredObject root = initRoot();
        long dir = mkdirs("/big").id();
        int count = 100_000;
        store.write("bulk", tx -> {
            for (int i = 0; i < count; i++) {
                tx.create(dir, "n" + i, TYPE, null, OWNER, Map.of());
            }
            return null;
        });

        List<StoredObject> listed = store.read(tx -> tx.descendants(dir));
        assertEquals(count, listed.size());
        assertEquals("/big/n0", listed.get(0).path());
        assertEquals("/big/n99999", listed.get(count - 1).path());
        assertEquals(count + 1, store.read(tx -> tx.descendants(root.id())).size());
        assertEquals("n54321", get("/big/n54321").name());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T getQuietly(Future<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the write waited for the read", e);
        }
    }

    /** A clock that moves one second on at every reading. */
    private static final class TickingClock extends Clock {

        private Instant now = T0;

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
