package dev.kompira.core.process;

import java.util.concurrent.CompletionStage;

/**
 * Decides, in step mode, whether a pending action runs (language.md §12.6, D101). Called on a
 * carrier thread; it must not block — return a stage and complete it later (for example from a
 * thread that reads a terminal). The process waits, holding no thread, until the stage completes.
 */
@FunctionalInterface
public interface StepHandler {

    /** Returns the decision for {@code step}. */
    CompletionStage<StepDecision> decide(PendingStep step);

    /**
     * An action a process in step mode is about to perform.
     *
     * @param pid      the process
     * @param jobflow  its jobflow's name
     * @param line     the line of the job
     * @param action   what will run: the command line after composition, or the job's description
     */
    record PendingStep(long pid, String jobflow, int line, String action) {
    }

    /** What to do with a pending action. */
    enum StepDecision {
        /** Perform it. */
        RUN,
        /** Do not perform it; the job succeeds with {@code $STATUS = 0}, {@code $RESULT = ''}, {@code $ERROR = ''}. */
        SKIP,
        /** Do not perform it; the run-time error {@code 'aborted in step mode'} ends the process. */
        ABORT
    }
}
