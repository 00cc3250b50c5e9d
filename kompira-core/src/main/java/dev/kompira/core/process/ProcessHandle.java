package dev.kompira.core.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A process started by the engine (language.md §12). All methods are thread-safe.
 */
public interface ProcessHandle {

    /** Returns the process id. */
    long pid();

    /** Returns the current state. */
    ProcessState state();

    /** Returns whether the process is suspended (§12.4). */
    boolean isSuspended();

    /** Returns the console text kept with the process (its first 65 536 bytes, D100). */
    String console();

    /** Returns a future completed with the outcome when the process ends. */
    CompletableFuture<ProcessOutcome> completion();

    /** Waits for the process to end and returns its outcome. */
    default ProcessOutcome await() throws InterruptedException {
        try {
            return completion().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("process " + pid() + " failed inside the engine", e.getCause());
        }
    }

    /** Waits at most {@code timeout} for the process to end. */
    default ProcessOutcome await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return completion().get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("process " + pid() + " failed inside the engine", e.getCause());
        }
    }

    /** Asks the process to stop before its next job (D99). */
    void suspend();

    /** Lets a suspended process continue; does nothing otherwise. */
    void resume();

    /** Ends the process at once, ABORTED with exit status 1 and error {@code 'terminated'}. */
    void terminate();
}
