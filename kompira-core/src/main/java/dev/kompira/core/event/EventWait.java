package dev.kompira.core.event;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.Internal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * One wait of an event job (language.md §8.5) or of a {@code choice} block (§9.6): waits for the
 * first of several {@link Alternative}s and fires exactly once, delivering one {@link Outcome}.
 *
 * <p>Every check looks at all alternatives top to bottom and, within one, at its sources in list
 * order; the first that can receive wins (D76, D86), and an alternative whose deadline has passed
 * counts as ready (timed out) at its position. Only the winner consumes anything.
 *
 * <p>{@link #start} checks at once (and may fire synchronously, on the calling thread, before it
 * returns); otherwise it registers one listener per distinct source and one timer task for the
 * earliest deadline, and checks again on each notification. Firing or {@link #cancel} removes every
 * registration and the timer task.
 *
 * <p>Thread-safe: notifications may come from any thread at any time. Checks never run in
 * parallel: the thread that finds the wait idle runs them, and a notification that arrives meanwhile
 * makes it check once more, so none is lost. A check holds this wait's lock while it asks the
 * sources (each takes only its own lock, briefly), so that {@link #cancel} cannot slip in between a
 * receive and the firing: a message taken is always delivered. Listeners, the timer task and the
 * outcome consumer run without this lock.
 */
@Internal
public final class EventWait {

    private static final int WAITING = 0;
    private static final int FIRED = 1;
    private static final int CANCELLED = 2;

    private static final AtomicIntegerFieldUpdater<EventWait> CHECK_REQUESTS =
            AtomicIntegerFieldUpdater.newUpdater(EventWait.class, "checkRequests");

    private final List<Alternative> alternatives;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Consumer<Outcome> onFire;
    private final Instant earliestDeadline;

    /**
     * Check requests: the thread that raises it from 0 runs the checks until none is left. It
     * starts at 1 because the starting thread owns the checks until it has registered everywhere.
     * After firing it is never lowered again, so late notifications cost one atomic increment.
     */
    private volatile int checkRequests = 1;

    /** {@link #WAITING}, {@link #FIRED} or {@link #CANCELLED}; guarded by {@code this}. */
    private int state = WAITING;
    /** The listeners' handles, or Java null before registering and after releasing; guarded by {@code this}. */
    private Waitable.Registration[] registrations;
    /** The pending timer task, or Java null; guarded by {@code this}. */
    private ScheduledFuture<?> timerTask;

    private EventWait(List<Alternative> alternatives, ScheduledExecutorService timer, Clock clock,
            Consumer<Outcome> onFire) {
        this.alternatives = alternatives;
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onFire = Objects.requireNonNull(onFire, "onFire");
        this.earliestDeadline = earliest(alternatives);
    }

    /**
     * Starts waiting for the first of {@code alternatives} (in priority order, topmost first).
     * {@code onFire} receives the one outcome, possibly on the calling thread before this method
     * returns, otherwise on the thread of the send, deletion or timer that decided it.
     *
     * @param alternatives the event jobs, topmost first (a single one for an event job)
     * @param timer        schedules the timeout check; a deadline needs it running
     * @param clock        the time deadlines are compared with
     * @param onFire       receives the outcome, exactly once unless the wait is cancelled first
     * @return the wait, for {@link #cancel}
     */
    public static EventWait start(List<Alternative> alternatives, ScheduledExecutorService timer, Clock clock,
            Consumer<Outcome> onFire) {
        EventWait wait = new EventWait(List.copyOf(alternatives), timer, clock, onFire);
        wait.begin();
        return wait;
    }

    /**
     * Stops waiting without firing (the process was terminated): removes the listeners and the
     * timer task. Returns true when the wait will never fire; false when it has already fired (its
     * outcome has been, or is being, delivered) or was cancelled before. Thread-safe; idempotent.
     */
    public boolean cancel() {
        synchronized (this) {
            if (state != WAITING) {
                return false;
            }
            state = CANCELLED;
        }
        release();
        return true;
    }

    /** The fast path checks before registering: a wait that can fire at once costs no registration. */
    private void begin() {
        if (check()) {
            return;
        }
        register();
        checkWhileRequested(1);
    }

    private void register() {
        Waitable[] sources = distinctSources();
        if (sources.length == 0) {
            return;
        }
        Runnable listener = new Wakeup();
        Waitable.Registration[] handles = new Waitable.Registration[sources.length];
        for (int i = 0; i < sources.length; i++) {
            handles[i] = sources[i].listen(listener);
        }
        synchronized (this) {
            registrations = handles;
        }
    }

    /** Each source once, although it may occur in several alternatives (so event_count counts this wait once). */
    private Waitable[] distinctSources() {
        int total = 0;
        for (Alternative a : alternatives) {
            total += a.sources().size();
        }
        Waitable[] distinct = new Waitable[total];
        int n = 0;
        for (Alternative a : alternatives) {
            for (Waitable s : a.sources()) {
                if (!containsSame(distinct, n, s)) {
                    distinct[n++] = s;
                }
            }
        }
        return n == total ? distinct : Arrays.copyOf(distinct, n);
    }

    private static boolean containsSame(Waitable[] sources, int count, Waitable source) {
        for (int i = 0; i < count; i++) {
            if (sources[i] == source) {
                return true;
            }
        }
        return false;
    }

    /** A notification: checks now unless another thread is checking, which will then check again. */
    private void notified() {
        if (CHECK_REQUESTS.getAndIncrement(this) == 0) {
            checkWhileRequested(1);
        }
    }

    private void checkWhileRequested(int missed) {
        while (!check()) {
            missed = CHECK_REQUESTS.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Checks once; returns true when the wait is over (it fired now, or earlier, or was cancelled). */
    private boolean check() {
        Outcome outcome;
        synchronized (this) {
            if (state != WAITING) {
                return true;
            }
            outcome = evaluate();
            if (outcome == null) {
                armTimer();
                return false;
            }
            state = FIRED;
        }
        fire(outcome);
        return true;
    }

    private Outcome evaluate() {
        Instant now = earliestDeadline == null ? null : clock.instant();
        for (int i = 0; i < alternatives.size(); i++) {
            Alternative alternative = alternatives.get(i);
            Outcome outcome = receive(i, alternative);
            if (outcome != null) {
                return outcome;
            }
            if (alternative.deadline() != null && !alternative.deadline().isAfter(now)) {
                return new TimedOut(i);
            }
        }
        return null;
    }

    private static Outcome receive(int index, Alternative alternative) {
        List<Waitable> sources = alternative.sources();
        for (int j = 0; j < sources.size(); j++) {
            Waitable source = sources.get(j);
            Value received;
            try {
                received = receiveFrom(source, alternative.guard(), alternative.peek());
            } catch (Waitable.Closed deleted) {
                return new Failed(index, deleted.getMessage(), deleted.isSessionError());
            }
            if (received != null) {
                Value shown = source instanceof FaultWatch watch ? watch.channel() : source;
                return new Received(index, j, alternative.listSource() ? ArrayValue.of(shown, received) : received);
            }
        }
        return null;
    }

    /** A channel receives without notifying its other listeners: {@link #fire} does it once this wait's lock is released. */
    private static Value receiveFrom(Waitable source, Guard guard, boolean peek) {
        if (source instanceof ChannelValue channel) {
            return channel.receive(guard, peek);
        }
        return source instanceof FaultWatch watch ? watch.receive(guard, peek) : source.tryReceive(guard, peek);
    }

    private void fire(Outcome outcome) {
        release();
        if (outcome instanceof Received received) {
            Waitable winner = alternatives.get(received.alternative()).sources().get(received.source());
            if (winner instanceof ChannelValue channel) {
                channel.wake();
            } else if (winner instanceof FaultWatch watch) {
                watch.channel().wake();
            }
        }
        onFire.accept(outcome);
    }

    /** Removes the listeners and the timer task; runs once, after the state left {@link #WAITING}. */
    private void release() {
        Waitable.Registration[] handles;
        ScheduledFuture<?> task;
        synchronized (this) {
            handles = registrations;
            task = timerTask;
            registrations = null;
            timerTask = null;
        }
        if (handles != null) {
            for (Waitable.Registration handle : handles) {
                handle.cancel();
            }
        }
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Schedules a check at the earliest deadline unless one is pending; called with the lock held. */
    private void armTimer() {
        if (earliestDeadline == null || timerTask != null) {
            return;
        }
        timerTask = timer.schedule(this::onTimer, nanosUntil(earliestDeadline), TimeUnit.NANOSECONDS);
    }

    /** The timer may run a little before the clock reaches the deadline: the check then arms it again. */
    private void onTimer() {
        synchronized (this) {
            timerTask = null;
        }
        notified();
    }

    private long nanosUntil(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        try {
            return Math.max(0, left.toNanos());
        } catch (ArithmeticException beyondNanos) {
            return Long.MAX_VALUE;
        }
    }

    private static Instant earliest(List<Alternative> alternatives) {
        Instant earliest = null;
        for (Alternative a : alternatives) {
            if (a.deadline() != null && (earliest == null || a.deadline().isBefore(earliest))) {
                earliest = a.deadline();
            }
        }
        return earliest;
    }

    /** The listener this wait registers on its sources; channels count these as waiting receivers ({@code event_count}). */
    final class Wakeup implements Runnable {

        @Override
        public void run() {
            notified();
        }
    }

    /**
     * One event job of the wait. Immutable and thread-safe.
     *
     * @param sources    what to wait for, in list order: exactly one unless {@code listSource}
     * @param listSource the job's source was an Array: a received value becomes {@code [source, received]}
     * @param guard      the guard ({@link Guard#NONE} for none); sources that are processes ignore it
     * @param peek       {@code peek_mode=true}: receive without removing, as {@code [msgid, message]}
     * @param deadline   when to time out, or Java null for never; a deadline now or past checks once
     */
    public record Alternative(List<Waitable> sources, boolean listSource, Guard guard, boolean peek,
            Instant deadline) {

        /** Copies the sources and checks that a non-list source is exactly one. */
        public Alternative {
            sources = List.copyOf(sources);
            Objects.requireNonNull(guard, "guard");
            if (!listSource && sources.size() != 1) {
                throw new IllegalArgumentException("a single source needs exactly one Waitable, got " + sources.size());
            }
        }

        /** Returns the alternative for a single (non-list) source. */
        public static Alternative single(Waitable source, Guard guard, boolean peek, Instant deadline) {
            return new Alternative(List.of(source), false, guard, peek, deadline);
        }
    }

    /** What ended the wait; {@code alternative} is the index of the event job that fired. */
    public sealed interface Outcome permits Received, TimedOut, Failed {

        /** Returns the index of the alternative that fired. */
        int alternative();
    }

    /**
     * Something was received ({@code $STATUS = 0}).
     *
     * @param alternative the alternative that fired
     * @param source      the index of the source within the alternative
     * @param value       the {@code $RESULT}: the message (or {@code [msgid, message]}, the process, {@code [pid, process]}),
     *                    wrapped as {@code [source, received]} for a list source
     */
    public record Received(int alternative, int source, Value value) implements Outcome {
    }

    /**
     * The alternative's deadline passed first ({@code $STATUS = 1}, {@code $ERROR = 'timeout'}).
     *
     * @param alternative the alternative that fired
     */
    public record TimedOut(int alternative) implements Outcome {
    }

    /**
     * A source of the alternative was deleted ({@code $STATUS = -1}, {@code $ERROR = message}), or
     * is a closed session with nothing left to read ({@code R-SESSION}).
     *
     * @param alternative  the alternative that fired
     * @param message      the {@code $ERROR}, e.g. {@code channel deleted}
     * @param sessionError whether it is the run-time error {@code R-SESSION} rather than a failed job
     */
    public record Failed(int alternative, String message, boolean sessionError) implements Outcome {
    }
}
