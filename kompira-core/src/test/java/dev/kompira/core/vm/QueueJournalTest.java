package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.event.ChannelValue.Message;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The group commit of a channel's queue: every change returns saved, changes during a write share the next one. */
class QueueJournalTest {

    private final QueueJournal journal = new QueueJournal(7);

    private static List<Message> queue(long... ids) {
        List<Message> messages = new ArrayList<>();
        for (long id : ids) {
            messages.add(new Message(id, IntegerValue.of(id)));
        }
        return messages;
    }

    @Test
    void changesDuringAWriteAreSavedTogetherByTheNextAndEachReturnsOnceItsVersionIsSaved() throws Exception {
        int changes = 40;
        AtomicLong savedVersion = new AtomicLong();
        List<Long> written = new CopyOnWriteArrayList<>();
        CountDownLatch othersOffered = new CountDownLatch(changes - 1);
        AtomicInteger version = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(changes);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < changes; i++) {
                done.add(threads.submit(() -> {
                    long mine;
                    synchronized (version) { // versions are offered in order, as ChannelValue numbers them under its lock
                        mine = version.incrementAndGet();
                        journal.offer(mine, queue(mine), mine);
                    }
                    if (mine > 1) {
                        othersOffered.countDown();
                    }
                    journal.awaitSaved(mine, (j, pending) -> {
                        await(othersOffered); // the first write lasts until every other change is offered
                        written.add(pending.version());
                        savedVersion.set(pending.version());
                    });
                    assertTrue(savedVersion.get() >= mine, "returned before version " + mine + " was saved");
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(changes, written.get(written.size() - 1), "the last write saved the newest version");
        assertTrue(written.size() <= 2, "changes made during the first write share one write: " + written);
    }

    @Test
    void aFailedWriteSavesNothingAndTheNextChangeWritesAgain() {
        journal.offer(1, queue(1), 1);
        assertThrows(IllegalStateException.class, () -> journal.awaitSaved(1, (j, pending) -> {
            throw new IllegalStateException("the store refused");
        }));
        List<Long> written = new ArrayList<>();
        journal.offer(2, queue(1, 2), 2);
        journal.awaitSaved(1, (j, pending) -> written.add(pending.version()));
        assertEquals(List.of(2L), written, "version 1 was not saved, so its caller's next wait writes the newest");
        journal.awaitSaved(2, (j, pending) -> written.add(pending.version()));
        assertEquals(List.of(2L), written, "version 2 is saved: nothing to write");
    }

    @Test
    void aChangeMadeFromInsideAWriteDoesNotWaitForItselfAndIsSavedNext() {
        List<Long> written = new ArrayList<>();
        journal.offer(1, queue(1), 1);
        journal.awaitSaved(1, (j, pending) -> {
            written.add(pending.version());
            if (pending.version() == 1) { // the store write woke something that changed the queue again
                journal.offer(2, queue(1, 2), 2);
                journal.awaitSaved(2, (again, p) -> {
                    throw new AssertionError("a nested write");
                });
            }
        });
        assertEquals(List.of(1L, 2L), written);
    }

    @Test
    void aMessageIsEncodedOnceWhileItStaysQueued() {
        List<Long> encodedIds = new ArrayList<>();
        List<Value> first = journal.encode(queue(1, 2), m -> {
            encodedIds.add(m.id());
            return StringValue.of("m" + m.id());
        });
        List<Value> second = journal.encode(queue(2, 3), m -> {
            encodedIds.add(m.id());
            return StringValue.of("m" + m.id());
        });
        assertEquals(List.of(1L, 2L, 3L), encodedIds);
        assertSame(first.get(1), second.get(0));
        assertEquals(List.of(StringValue.of("m2"), StringValue.of("m3")), second);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
