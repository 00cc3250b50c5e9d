package dev.kompira.core.process;

import dev.kompira.core.error.ErrorCode;
import java.util.List;

/**
 * Why a process ended ABORTED (language.md §10.3, §14): what kind of end it was, where it happened,
 * its message and the chain of jobflow calls that led there — the same facts as the diagnostic on the
 * console, as values.
 *
 * @param kind      what ended the process
 * @param code      the run-time error code for {@link Kind#ERROR}, else Java null
 * @param location  where it happened; for {@link Kind#TERMINATED}, where the process was
 * @param message   the diagnostic's message, without location
 * @param callStack the callers, innermost first: for each jobflow call, where it was called from
 */
public record RuntimeFailure(Kind kind, ErrorCode code, Location location, String message, List<Location> callStack) {

    /** Copies the call stack. */
    public RuntimeFailure {
        callStack = List.copyOf(callStack);
    }

    /** What ended a process abnormally. */
    public enum Kind {
        /** A run-time error ({@link #code()} says which). */
        ERROR,
        /** A connector stopped after a failed job (a forced termination). */
        FAILED_JOB,
        /** {@code abort()}. */
        ABORT,
        /** A failed {@code assert()}. */
        ASSERTION,
        /** {@link JobflowProcess#terminate()} or the engine shutting down. */
        TERMINATED
    }

    /**
     * A place in a jobflow.
     *
     * @param flow   the flow's name: a file name or a Jobflow object's path
     * @param line   the line, from 1
     * @param column the column, from 1
     */
    public record Location(String flow, int line, int column) {

        @Override
        public String toString() {
            return flow + ":" + line + ":" + column;
        }
    }

    /** Returns the diagnostic as the console shows it: {@code flow:line:col: message} and the callers. */
    public String diagnostic() {
        StringBuilder out = new StringBuilder(location.toString()).append(": ").append(message);
        callStack.forEach(caller -> out.append("\n  called from ").append(caller));
        return out.toString();
    }
}
