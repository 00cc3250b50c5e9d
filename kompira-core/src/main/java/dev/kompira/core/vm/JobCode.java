package dev.kompira.core.vm;

import dev.kompira.dsl.source.Span;

/** A compiled job (language.md §8, §9). */
interface JobCode {

    /** Returns where the job is written. */
    Span span();

    /** Returns whether the job runs a command (a failed command has already echoed its standard error, D107). */
    default boolean isCommand() {
        return false;
    }

    /** Returns whether the job may leave a trace outside its process ({@link Effects}): checkpoint mode saves after it. */
    default boolean hasEffects() {
        return true;
    }

    /**
     * Performs the job for the flow run by {@code frame}: completes it at once (setting the status
     * variables), pushes a frame, or parks the process.
     */
    void exec(Machine machine, FlowFrame frame);
}
