package dev.kompira.core.event;

import dev.kompira.core.value.ExternalValue;
import dev.kompira.core.value.Value;

/**
 * Something an event job can wait for (language.md §8.5): a channel (its next message) or a
 * process (its end). Implementations are thread-safe: senders, receivers and waiters run on
 * different carrier threads.
 */
public interface Waitable extends ExternalValue {

    /**
     * Receives now if possible, atomically: for a channel the message the guard selects (removed
     * unless {@code peek}; with {@code peek} the result is {@code [msgid, message]}); for a process
     * the process itself once it has ended ({@code [pid, process]} with {@code peek}; guards are
     * ignored). Returns Java null when nothing can be received yet.
     *
     * @throws Closed when the source can never deliver again (a deleted channel)
     */
    Value tryReceive(Guard guard, boolean peek);

    /**
     * Registers {@code listener}, called (on any thread, without locks held) whenever a
     * {@link #tryReceive} might now succeed or the source closes. Returns the handle that removes it.
     */
    Registration listen(Runnable listener);

    /** Removes a listener. */
    @FunctionalInterface
    interface Registration {
        /** Stops notifications; idempotent. */
        void cancel();
    }

    /**
     * The source closed while it was waited for (§8.5: {@code $STATUS = -1}), or — for a session
     * whose lines are all read (§9.9) — for good, which is the run-time error {@code R-SESSION}.
     */
    final class Closed extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final boolean sessionError;

        /** Creates the failure with the {@code $ERROR} text, e.g. {@code channel deleted}. */
        public Closed(String message) {
            this(message, false);
        }

        /** Creates the failure; {@code sessionError} makes it {@code R-SESSION} instead of a failed job. */
        public Closed(String message, boolean sessionError) {
            super(message, null, false, false);
            this.sessionError = sessionError;
        }

        /** Returns whether waiting on the source is the run-time error {@code R-SESSION}. */
        public boolean isSessionError() {
            return sessionError;
        }
    }
}
