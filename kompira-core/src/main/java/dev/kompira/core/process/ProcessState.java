package dev.kompira.core.process;

/** The states of a process (language.md §12.1). */
public enum ProcessState {
    /** Created, parameters not bound yet. */
    NEW,
    /** Runnable, waiting for a carrier thread. */
    READY,
    /** Executing jobs on a carrier thread. */
    RUNNING,
    /** Parked: waiting for a command, a timer, an event or a resume; holds no thread. */
    WAITING,
    /** Ended with a non-zero exit status, or terminated. */
    ABORTED,
    /** Ended with exit status 0. */
    DONE;

    /** Returns whether the process has ended. */
    public boolean isFinished() {
        return this == ABORTED || this == DONE;
    }
}
