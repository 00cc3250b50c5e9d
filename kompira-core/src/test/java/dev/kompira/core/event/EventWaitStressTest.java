package dev.kompira.core.event;

import static dev.kompira.core.event.ChannelValueTest.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.event.EventWait.Alternative;
import dev.kompira.core.event.EventWait.Outcome;
import dev.kompira.core.event.EventWait.Received;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many senders and many waiters on one channel: every message is received exactly once, and
 * nothing is left registered or scheduled afterwards. The receivers arm their waits in different
 * shapes (plain, with a deadline, as a choice, as a list, cancelled at once) so that all the paths
 * race with each other.
 */
class EventWaitStressTest {

    private static final int SENDERS = 8;
    private static final int RECEIVERS = 8;
    private static final int PER_SENDER = 10_000;
    private static final int TOTAL = SENDERS * PER_SENDER;
    private static final StringValue STOP = StringValue.of("stop");

    private final ScheduledThreadPoolExecutor timer = EventWaitTest.newTimer();
    private final Clock clock = Clock.systemUTC();
    private final ChannelValue channel = new ChannelValue(1);
    private final ChannelValue idle = new ChannelValue(2);
    private final AtomicIntegerArray receivedCount = new AtomicIntegerArray(TOTAL);
    private final AtomicLong received = new AtomicLong();
    private final List<ArrayBlockingQueue<Outcome>> cancelledInboxes = new ArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    @Timeout(30)
    void everyMessageIsReceivedExactlyOnceAndNothingLeaks() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SENDERS + RECEIVERS);
        try {
            List<Future<?>> receivers = new ArrayList<>();
            for (int r = 0; r < RECEIVERS; r++) {
                int shape = r;
                receivers.add(threads.submit(() -> receive(shape)));
            }
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.add(threads.submit(() -> send(sender)));
            }
            while (!allDone(senders) || received.get() < TOTAL) {
                rethrowFailures(senders);
                rethrowFailures(receivers);
                Thread.sleep(5);
            }
            for (int r = 0; r < RECEIVERS; r++) {
                channel.send(STOP);
            }
            for (Future<?> f : receivers) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        for (int k = 0; k < TOTAL; k++) {
            assertEquals(1, receivedCount.get(k), "message " + k);
        }
        assertEquals(0, property(channel, "message_count"));
        assertEquals(0, property(channel, "event_count"));
        assertEquals(0, property(idle, "event_count"));
        assertTrue(timer.getQueue().isEmpty(), "timer tasks left: " + timer.getQueue().size());
        synchronized (cancelledInboxes) {
            for (ArrayBlockingQueue<Outcome> inbox : cancelledInboxes) {
                assertTrue(inbox.isEmpty(), "a cancelled wait fired");
            }
        }
    }

    private static boolean allDone(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            if (!f.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** A thread that died must fail the test now rather than leave the others waiting until the timeout. */
    private static void rethrowFailures(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            if (f.isDone()) {
                f.get();
            }
        }
    }

    private void send(int sender) {
        for (int k = 0; k < PER_SENDER; k++) {
            channel.send(IntegerValue.of((long) sender * PER_SENDER + k));
            // let the receivers drain the queue, so that most of them are parked when the next message comes
            while (property(channel, "message_count") > 0) {
                Thread.yield();
            }
        }
    }

    private Void receive(int shape) throws InterruptedException {
        while (true) {
            Value message = next(shape);
            if (message == null) {
                continue;
            }
            if (message.equals(STOP)) {
                return null;
            }
            receivedCount.incrementAndGet((int) ((IntegerValue) message).longValue());
            received.incrementAndGet();
        }
    }

    /** Arms one wait of the given shape; returns the message, or Java null when nothing was received. */
    private Value next(int shape) throws InterruptedException {
        ArrayBlockingQueue<Outcome> inbox = new ArrayBlockingQueue<>(1);
        EventWait wait = EventWait.start(alternatives(shape), timer, clock, inbox::add);
        if (shape % 5 == 4 && cancelSoon(wait)) {
            synchronized (cancelledInboxes) {
                cancelledInboxes.add(inbox);
            }
            return null;
        }
        Outcome outcome = inbox.poll(10, TimeUnit.SECONDS);
        assertNotNull(outcome, "a wait never fired");
        if (!(outcome instanceof Received r)) {
            return null;
        }
        return r.value() instanceof ArrayValue pair ? pair.get(1) : r.value();
    }

    /** Cancels after a moment, so that cancelling races with the senders. */
    private static boolean cancelSoon(EventWait wait) {
        LockSupport.parkNanos(20_000);
        return wait.cancel();
    }

    private List<Alternative> alternatives(int shape) {
        switch (shape % 5) {
            case 1:
                return List.of(Alternative.single(channel, Guard.NONE, false, clock.instant().plusMillis(2)));
            case 2:
                return List.of(EventWaitTest.on(idle), EventWaitTest.on(channel));
            case 3:
                return List.of(EventWaitTest.list(Guard.NONE, false, idle, channel));
            default:
                return List.of(EventWaitTest.on(channel));
        }
    }

    @Test
    @Timeout(10)
    void manyParkedWaitersAreServedInArrivalOrder() {
        int waiters = 20_000;
        long[] got = new long[waiters];
        for (int k = 0; k < waiters; k++) {
            int waiter = k;
            EventWait.start(List.of(EventWaitTest.on(channel)), timer, clock,
                    outcome -> got[waiter] = ((IntegerValue) ((Received) outcome).value()).longValue());
        }
        assertEquals(waiters, property(channel, "event_count"));
        for (int k = 0; k < waiters; k++) {
            channel.send(IntegerValue.of(k));
        }
        for (int k = 0; k < waiters; k++) {
            assertEquals(k, got[k], "waiter " + k);
        }
        assertEquals(0, property(channel, "event_count"));
        assertEquals(0, property(channel, "message_count"));
    }

    @Test
    @Timeout(20)
    void pingPongBetweenTwoProcessesThatReArmOnACarrierPool() throws Exception {
        ExecutorService carriers = Executors.newFixedThreadPool(2);
        try {
            ChannelValue ping = new ChannelValue(3);
            ChannelValue pong = new ChannelValue(4);
            CountDownLatch finished = new CountDownLatch(2);
            Player a = new Player(ping, pong, 0, carriers, finished);
            Player b = new Player(pong, ping, 1, carriers, finished);
            a.arm();
            b.arm();
            ping.send(IntegerValue.ZERO);
            assertTrue(finished.await(15, TimeUnit.SECONDS), "ping-pong did not finish");
            assertEquals(null, a.failure);
            assertEquals(null, b.failure);
            for (ChannelValue c : List.of(ping, pong)) {
                assertEquals(0, property(c, "event_count"));
                assertEquals(0, property(c, "message_count"));
            }
            assertTrue(timer.getQueue().isEmpty());
        } finally {
            carriers.shutdownNow();
        }
    }

    /**
     * One side of the ping-pong, shaped like a VM process: it waits on its inbox with a (never
     * reached) deadline, and on each outcome resumes on the carrier pool, answers n + 1 and waits again.
     */
    private final class Player {

        private static final int ROUNDS = 100_000;

        private final ChannelValue inbox;
        private final ChannelValue outbox;
        private final ExecutorService carriers;
        private final CountDownLatch finished;
        private long expected;
        private volatile String failure;

        Player(ChannelValue inbox, ChannelValue outbox, long first, ExecutorService carriers, CountDownLatch finished) {
            this.inbox = inbox;
            this.outbox = outbox;
            this.expected = first;
            this.carriers = carriers;
            this.finished = finished;
        }

        void arm() {
            Alternative alternative = Alternative.single(inbox, Guard.NONE, false, clock.instant().plusSeconds(60));
            EventWait.start(List.of(alternative), timer, clock, outcome -> carriers.execute(() -> resume(outcome)));
        }

        private void resume(Outcome outcome) {
            long n = outcome instanceof Received r ? ((IntegerValue) r.value()).longValue() : -1;
            if (n != expected) {
                failure = "expected " + expected + ", got " + outcome;
                finished.countDown();
                return;
            }
            expected += 2;
            if (n < ROUNDS) {
                outbox.send(IntegerValue.of(n + 1));
            }
            if (n >= ROUNDS - 1) {
                finished.countDown();
            } else {
                arm();
            }
        }
    }
}
