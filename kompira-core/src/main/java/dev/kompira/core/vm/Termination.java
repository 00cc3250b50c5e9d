package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.process.RuntimeFailure;
import dev.kompira.dsl.source.Span;

/**
 * An abnormal termination on its way up the frame stack (language.md §10.3): what caused it, where it
 * happened, the message of its diagnostic, the text a catching {@code try} puts in {@code $ERROR},
 * and the exit status it gives the process (D93).
 *
 * @param kind       what caused it
 * @param code       the run-time error code of an {@link RuntimeFailure.Kind#ERROR}, else Java null
 * @param message    the diagnostic message (first line of §14.1)
 * @param errorText  the text for {@code $ERROR} of a catching try and for {@code Process.error}
 * @param exitStatus the process's exit status if nothing catches it
 * @param span       where it happened
 */
record Termination(RuntimeFailure.Kind kind, ErrorCode code, String message, String errorText, long exitStatus, Span span) {

    /** A run-time error (§14.3). */
    static Termination error(ErrorCode code, String message, Span span) {
        return new Termination(RuntimeFailure.Kind.ERROR, code, message, message, 1, span);
    }

    /** {@code abort()} or a failed {@code assert()}: ends the process with status 1 and {@code errorText} as its error. */
    static Termination of(RuntimeFailure.Kind kind, String message, String errorText, Span span) {
        return new Termination(kind, null, message, errorText, 1, span);
    }

    /** A connector stopped on a failed job (§10.2) whose status was {@code exitStatus}. */
    static Termination failedJob(String message, String errorText, long exitStatus, Span span) {
        return new Termination(RuntimeFailure.Kind.FAILED_JOB, null, message, errorText, exitStatus, span);
    }
}
