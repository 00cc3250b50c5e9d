package dev.kompira.core.process;

import dev.kompira.core.value.Value;

/**
 * How a process ended (language.md §12.2, D97).
 *
 * @param state      {@link ProcessState#DONE} or {@link ProcessState#ABORTED}
 * @param exitStatus the exit status; 0 exactly when DONE
 * @param result     {@code Process.result}
 * @param error      {@code Process.error}
 * @param failure    why it ended ABORTED, or Java null when it ended DONE or by {@code exit()} /
 *                   {@code return()} with a non-zero status
 */
public record ProcessOutcome(ProcessState state, long exitStatus, Value result, Value error, RuntimeFailure failure) {

    /** Returns the failure that ended the process, if one did. */
    public java.util.Optional<RuntimeFailure> failureIfAny() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Returns whether the process ended DONE. */
    public boolean isDone() {
        return state == ProcessState.DONE;
    }
}
