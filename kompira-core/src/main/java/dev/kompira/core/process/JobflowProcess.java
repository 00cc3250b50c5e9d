package dev.kompira.core.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A process started by the engine (language.md §12). All methods are thread-safe.
 */
public interface JobflowProcess {

    /** Returns the process id. */
    long pid();

    /** Returns the current state. */
    ProcessState state();

    /** Returns the name of the jobflow the process started with (its source name or object path). */
    String jobflow();

    /** Returns the id of the Schedule object that started this process (J230), empty when none did. */
    default java.util.OptionalLong scheduleId() {
        return java.util.OptionalLong.empty();
    }

    /** Returns the parent process of a fork/pfor child that has not detached. */
    java.util.Optional<JobflowProcess> parent();

    /** Returns the child processes created by fork/pfor, in creation order (detached ones included). */
    java.util.List<JobflowProcess> children();

    /** Returns when the process started, or null while it is NEW. */
    java.time.Instant startedTime();

    /** Returns when the process ended, or empty while it is active. */
    java.util.Optional<java.time.Instant> finishedTime();

    /** Returns the line of the job being executed (0 before the first job). */
    int currentLine();

    /** Returns whether the process pauses before each command (step mode, §12.6). */
    boolean isStepMode();

    /** Returns whether the process saves its state as it runs (checkpoint mode, §12.7). */
    boolean isCheckpointMode();

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

    /** Asks the process (and its children that have not detached) to stop before their next job (D99). */
    void suspend();

    /** Lets a suspended process continue; does nothing otherwise. */
    void resume();

    /** Ends the process at once, ABORTED with exit status 1 and error {@code 'terminated'}; also its children. */
    void terminate();

    /**
     * Removes the record of this finished process and of its finished descendants from the engine.
     *
     * @throws IllegalStateException when the process is still active
     */
    void delete();
}
