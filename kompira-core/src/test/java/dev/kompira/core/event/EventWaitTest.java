package dev.kompira.core.event;

import static dev.kompira.core.event.ChannelValueTest.call;
import static dev.kompira.core.event.ChannelValueTest.i;
import static dev.kompira.core.event.ChannelValueTest.property;
import static dev.kompira.core.event.ChannelValueTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.event.EventWait.Alternative;
import dev.kompira.core.event.EventWait.Failed;
import dev.kompira.core.event.EventWait.Outcome;
import dev.kompira.core.event.EventWait.Received;
import dev.kompira.core.event.EventWait.TimedOut;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.ExternalValue;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event jobs (language.md §8.5) and choice (§9.6) at the Java level. */
class EventWaitTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    private final ScheduledThreadPoolExecutor timer = newTimer();
    private final MutableClock clock = new MutableClock(T0);
    private final ChannelValue q = new ChannelValue(1);
    private final ChannelValue other = new ChannelValue(2);

    static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** Collects outcomes; the tests check there is exactly one. */
    static final class Recorder implements Consumer<Outcome> {

        final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

        @Override
        public void accept(Outcome outcome) {
            outcomes.add(outcome);
        }

        /** The single outcome delivered so far. */
        Outcome single() {
            assertEquals(1, outcomes.size(), "outcomes: " + outcomes);
            return outcomes.peek();
        }

        Outcome await() throws InterruptedException {
            Outcome outcome = outcomes.poll(5, TimeUnit.SECONDS);
            assertNotNull(outcome, "no outcome");
            Thread.sleep(20);
            assertTrue(outcomes.isEmpty(), "a second outcome: " + outcomes);
            return outcome;
        }

        void assertNone() {
            assertTrue(outcomes.isEmpty(), "unexpected outcome: " + outcomes);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    static Alternative on(Waitable source) {
        return Alternative.single(source, Guard.NONE, false, null);
    }

    static Alternative on(Waitable source, Guard guard, boolean peek, Instant deadline) {
        return Alternative.single(source, guard, peek, deadline);
    }

    static Alternative list(Guard guard, boolean peek, Waitable... sources) {
        return new Alternative(List.of(sources), true, guard, peek, null);
    }

    static Guard head(Value pattern) {
        return new Guard(Guard.Mode.HEAD, pattern);
    }

    static Guard scan(Value pattern) {
        return new Guard(Guard.Mode.SCAN, pattern);
    }

    private Recorder start(Alternative... alternatives) {
        Recorder recorder = new Recorder();
        EventWait.start(List.of(alternatives), timer, clock, recorder);
        return recorder;
    }

    private void assertReleased(ChannelValue... channels) {
        for (ChannelValue c : channels) {
            assertEquals(0, property(c, "event_count"), c + " still has waiters");
        }
        assertTrue(timer.getQueue().isEmpty(), "timer tasks left: " + timer.getQueue());
    }

    private static Received received(Outcome outcome) {
        assertTrue(outcome instanceof Received, "not received: " + outcome);
        return (Received) outcome;
    }

    @Test
    void aQueuedMessageIsReceivedAtOnceOnTheCallingThread() {
        q.send(s("task-1"));
        Recorder r = start(on(q));
        assertEquals(new Received(0, 0, s("task-1")), r.single());
        assertEquals(0, property(q, "message_count"));
        assertReleased(q);
    }

    @Test
    void anEmptyChannelIsWaitedForUntilASend() {
        Recorder r = start(on(q));
        r.assertNone();
        assertEquals(1, property(q, "event_count"));
        q.send(s("hello"));
        assertEquals(new Received(0, 0, s("hello")), r.single());
        assertReleased(q);
        assertEquals(0, property(q, "message_count"));
    }

    @Test
    void specExampleWorkerQueueThenTimeoutZero() {
        for (String m : List.of("task-1", "task-2", "stop")) {
            q.send(s(m));
        }
        StringBuilder printed = new StringBuilder();
        while (true) {
            Value message = received(start(on(q)).single()).value();
            if (message.equals(s("stop"))) {
                break;
            }
            printed.append("worker got ").append(Rendering.text(message)).append('\n');
        }
        assertEquals("worker got task-1\nworker got task-2\n", printed.toString());
        assertEquals(new TimedOut(0), start(on(q, Guard.NONE, false, clock.instant())).single());
        assertReleased(q);
    }

    @Test
    void specExampleScanGuardDiscardsNoise() {
        q.send(s("noise"));
        q.send(s("READY 42"));
        Recorder r = start(on(q, scan(PatternValue.of(PatternKind.REGEX, "^READY (\\d+)", false)), false, null));
        assertEquals(new Received(0, 0, s("READY 42")), r.single());
        assertEquals(0, property(q, "message_count"));
    }

    @Test
    void headGuardKeepsWaitingUntilTheHeadMatches() {
        q.send(s("noise"));
        q.send(s("READY 1"));
        Recorder r = start(on(q, head(PatternValue.of(PatternKind.REGEX, "^READY", false)), false, null));
        q.send(s("READY 2"));
        r.assertNone();
        assertEquals(3, property(q, "message_count"));
        call(q, "pop_message");
        assertEquals(new Received(0, 0, s("READY 1")), r.single());
        assertReleased(q);
    }

    @Test
    void headGuardFiresWhenAnotherReceiverTakesTheHead() {
        q.send(s("a"));
        q.send(s("b"));
        Recorder guarded = start(on(q, head(s("b")), false, null));
        guarded.assertNone();
        Recorder plain = start(on(q));
        assertEquals(new Received(0, 0, s("a")), plain.single());
        assertEquals(new Received(0, 0, s("b")), guarded.single());
        assertReleased(q);
    }

    @Test
    void scanGuardWithoutMatchDiscardsNothingAndExaminesNewMessagesD78() {
        q.send(s("a"));
        q.send(s("b"));
        Recorder r = start(on(q, scan(s("z")), false, null));
        q.send(s("c"));
        r.assertNone();
        assertEquals(3, property(q, "message_count"));
        q.send(s("z"));
        assertEquals(new Received(0, 0, s("z")), r.single());
        assertEquals(0, property(q, "message_count"));
        assertReleased(q);
    }

    @Test
    void peekModeLeavesTheMessageAndReturnsItsId() {
        q.send(s("m"));
        assertEquals("[1, 'm']", Rendering.text(received(start(on(q, Guard.NONE, true, null)).single()).value()));
        assertEquals(1, property(q, "message_count"));
    }

    @Test
    void peekModeWithHeadGuardNeedsAMatchingHead() {
        q.send(s("a"));
        q.send(s("b"));
        Recorder r = start(on(q, head(s("b")), true, null));
        r.assertNone();
        call(q, "delete_message", i(1));
        assertEquals("[2, 'b']", Rendering.text(received(r.single()).value()));
        assertEquals(1, property(q, "message_count"));
    }

    @Test
    void peekModeWithScanGuardRemovesTheMessagesBeforeTheMatch() {
        for (String m : List.of("a", "b", "c")) {
            q.send(s(m));
        }
        assertEquals("[2, 'b']", Rendering.text(received(start(on(q, scan(s("b")), true, null)).single()).value()));
        assertEquals("[2, 'b']", Rendering.text(call(q, "peek_message")));
        assertEquals(2, property(q, "message_count"));
    }

    @Test
    void peekModeInAListGivesSourceAndPair() {
        q.send(s("m"));
        Received r = received(start(list(Guard.NONE, true, other, q)).single());
        assertEquals(1, r.source());
        assertEquals("[<channel #1>, [1, 'm']]", Rendering.text(r.value()));
    }

    @Test
    void timeoutZeroChecksOnce() {
        assertEquals(new TimedOut(0), start(on(q, Guard.NONE, false, T0)).single());
        assertReleased(q);
        q.send(s("here"));
        assertEquals(new Received(0, 0, s("here")), start(on(q, Guard.NONE, false, T0)).single());
    }

    @Test
    void aPastDeadlineTimesOutAtOnceWhenTheGuardDoesNotMatch() {
        q.send(s("x"));
        Recorder r = start(on(q, head(s("y")), false, T0.minus(Duration.ofHours(1))));
        assertEquals(new TimedOut(0), r.single());
        assertEquals(1, property(q, "message_count"));
        assertReleased(q);
    }

    @Test
    void aFutureDeadlineTimesOut() throws InterruptedException {
        Clock system = Clock.systemUTC();
        Recorder r = new Recorder();
        long begin = System.nanoTime();
        EventWait.start(List.of(on(q, Guard.NONE, false, system.instant().plusMillis(100))), timer, system, r);
        r.assertNone();
        assertEquals(new TimedOut(0), r.await());
        assertTrue(System.nanoTime() - begin >= TimeUnit.MILLISECONDS.toNanos(90));
        assertReleased(q);
    }

    @Test
    void aMessageBeforeTheDeadlineCancelsTheTimerTask() {
        Recorder r = start(on(q, Guard.NONE, false, T0.plusSeconds(60)));
        assertEquals(1, timer.getQueue().size());
        q.send(s("in time"));
        assertEquals(new Received(0, 0, s("in time")), r.single());
        assertReleased(q);
    }

    @Test
    void aTimerRunningBeforeTheClockReachesTheDeadlineIsArmedAgain() throws InterruptedException {
        Recorder r = start(on(q, Guard.NONE, false, T0.plusMillis(30)));
        Thread.sleep(100);
        r.assertNone();
        assertEquals(1, timer.getQueue().size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new TimedOut(0), r.await());
        assertReleased(q);
    }

    @Test
    void listSourcesTieToTheFirstD76() {
        q.send(s("from q"));
        other.send(s("from other"));
        Received r = received(start(list(Guard.NONE, false, other, q)).single());
        assertEquals(0, r.source());
        assertEquals("[<channel #2>, 'from other']", Rendering.text(r.value()));
        assertEquals(1, property(q, "message_count"));
    }

    @Test
    void aListSourceWaitsForAnyOfItsSources() {
        Recorder r = start(list(Guard.NONE, false, q, other));
        assertEquals(1, property(q, "event_count"));
        assertEquals(1, property(other, "event_count"));
        other.send(s("late"));
        Received received = received(r.single());
        assertEquals(1, received.source());
        assertEquals("[<channel #2>, 'late']", Rendering.text(received.value()));
        assertReleased(q, other);
    }

    @Test
    void choiceTopmostWinsAndOnlyTheWinnerConsumesD86() {
        ChannelValue control = other;
        Alternative shutdown = on(control, head(s("shutdown")), false, null);
        Alternative order = on(q);
        Alternative idle = on(q, Guard.NONE, false, T0.plusSeconds(300));
        control.send(s("noise"));
        q.send(s("order-1"));
        assertEquals(new Received(1, 0, s("order-1")), start(shutdown, order, idle).single());
        call(control, "pop_message");
        control.send(s("shutdown"));
        q.send(s("order-2"));
        assertEquals(new Received(0, 0, s("shutdown")), start(shutdown, order, idle).single());
        assertEquals(1, property(q, "message_count"));
        assertReleased(q, control);
    }

    @Test
    void choiceTimeoutFiresOnlyWhenNothingHigherIsReady() {
        Alternative order = on(q);
        Alternative idle = on(q, Guard.NONE, false, T0.plusSeconds(300));
        clock.advance(Duration.ofSeconds(300));
        q.send(s("order"));
        assertEquals(new Received(0, 0, s("order")), start(order, idle).single());
        assertEquals(new TimedOut(1), start(order, idle).single());
        assertReleased(q);
    }

    @Test
    void aWaitingChoiceCountsOnceOnASharedChannel() {
        Recorder r = start(on(q, head(s("x")), false, null), on(q));
        assertEquals(1, property(q, "event_count"));
        q.send(s("y"));
        assertEquals(new Received(1, 0, s("y")), r.single());
        assertReleased(q);
    }

    @Test
    void aPassedDeadlineWinsAtItsPosition() {
        q.send(s("ready"));
        assertEquals(new TimedOut(0), start(on(other, Guard.NONE, false, T0), on(q)).single());
        assertEquals(1, property(q, "message_count"));
    }

    @Test
    void aDeletedChannelFailsTheWait() {
        Recorder r = start(on(q));
        q.close("channel deleted");
        assertEquals(new Failed(0, "channel deleted", false), r.single());
        assertReleased(q);
        assertEquals(new Failed(0, "channel deleted", false), start(on(q)).single());
    }

    @Test
    void aDeletedSourceAfterAReadyOneInTheListDoesNotMatter() {
        other.close("channel deleted");
        q.send(s("m"));
        assertEquals(0, received(start(list(Guard.NONE, false, q, other)).single()).source());
        assertEquals(new Failed(0, "channel deleted", false), start(list(Guard.NONE, false, q, other)).single());
    }

    @Test
    void theReceiverThatHasWaitedLongestGetsTheMessage() {
        Recorder first = start(on(q));
        Recorder second = start(on(q));
        Recorder third = start(on(q));
        assertEquals(3, property(q, "event_count"));
        q.send(s("a"));
        q.send(s("b"));
        assertEquals(new Received(0, 0, s("a")), first.single());
        assertEquals(new Received(0, 0, s("b")), second.single());
        third.assertNone();
        assertEquals(1, property(q, "event_count"));
    }

    @Test
    void aWaiterWhoseGuardDoesNotMatchIsSkipped() {
        Recorder guarded = start(on(q, head(s("x")), false, null));
        Recorder plain = start(on(q));
        q.send(s("y"));
        guarded.assertNone();
        assertEquals(new Received(0, 0, s("y")), plain.single());
        q.send(s("x"));
        assertEquals(new Received(0, 0, s("x")), guarded.single());
        assertReleased(q);
    }

    @Test
    void cancelRemovesEverythingAndNeverFires() {
        Recorder r = new Recorder();
        EventWait wait = EventWait.start(List.of(on(q, Guard.NONE, false, T0.plusSeconds(60)), on(other)), timer, clock, r);
        assertTrue(wait.cancel());
        assertFalse(wait.cancel());
        q.send(s("kept"));
        r.assertNone();
        assertEquals(1, property(q, "message_count"));
        assertReleased(q, other);
    }

    @Test
    void cancelAfterFiringReportsTheOutcome() {
        q.send(s("m"));
        Recorder r = new Recorder();
        EventWait wait = EventWait.start(List.of(on(q)), timer, clock, r);
        assertFalse(wait.cancel());
        assertEquals(new Received(0, 0, s("m")), r.single());
    }

    @Test
    void anEmptyListWithoutDeadlineWaitsUntilCancelled() {
        Recorder r = new Recorder();
        EventWait wait = EventWait.start(List.of(list(Guard.NONE, false)), timer, clock, r);
        r.assertNone();
        assertTrue(wait.cancel());
    }

    @Test
    void aProcessSourceFiresWhenItEnds() {
        FakeProcess process = new FakeProcess();
        Recorder r = start(on(process, head(s("ignored")), true, null));
        assertEquals(1, process.listeners.size());
        process.end();
        Received received = received(r.single());
        assertEquals("[812, /process/id_812]", Rendering.text(received.value()));
        assertTrue(process.listeners.isEmpty());
    }

    @Test
    void aSingleSourceAlternativeNeedsExactlyOneSource() {
        assertThrows(IllegalArgumentException.class, () -> new Alternative(List.of(q, other), false, Guard.NONE, false, null));
    }

    /** A minimal ended-or-not process, as the VM's processes implement {@link Waitable}. */
    static final class FakeProcess implements Waitable, ExternalValue {

        final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        private volatile boolean ended;

        void end() {
            ended = true;
            listeners.forEach(Runnable::run);
        }

        @Override
        public Value tryReceive(Guard guard, boolean peek) {
            if (!ended) {
                return null;
            }
            return peek ? ArrayValue.of(i(812), this) : this;
        }

        @Override
        public Registration listen(Runnable listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public String text() {
            return "/process/id_812";
        }

        @Override
        public String typeName() {
            return "Process";
        }
    }
}
