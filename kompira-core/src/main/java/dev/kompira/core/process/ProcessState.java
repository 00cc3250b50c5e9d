package dev.kompira.core.process;

/** The states of a process (language.md §12.1). */
public enum ProcessState {
    /** Created, parameters not bound yet. */
    NEW,
    /** Runnable, waiting for a carrier thread. */
    READY,
    /** Executing jobs on a carrier thread. */
    RUNNING,
    /** Parked: waiting for a command, a timer, an event or its children; holds no thread. */
    WAITING,
    /**
     * Suspended at a job boundary, waiting to be resumed; holds no thread. Jobflows see it as
     * {@code WAITING} with {@code suspended} true (language.md §12.1).
     */
    SUSPENDED,
    /** Ended with a non-zero exit status, or terminated. */
    ABORTED,
    /** Ended with exit status 0. */
    DONE;

    /** Returns whether the process has ended. */
    public boolean isFinished() {
        return this == ABORTED || this == DONE;
    }
}
