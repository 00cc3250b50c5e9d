package dev.kompira.core.vm;

import dev.kompira.dsl.source.Span;

/**
 * An abnormal termination on its way up the frame stack (language.md §10.3): where it happened,
 * the message of its diagnostic, the text a catching {@code try} puts in {@code $ERROR}, and the
 * exit status it gives the process (D93).
 *
 * @param kind       what caused it
 * @param message    the diagnostic message (first line of §14.1)
 * @param errorText  the text for {@code $ERROR} of a catching try and for {@code Process.error}
 * @param exitStatus the process's exit status if nothing catches it
 * @param span       where it happened
 */
record Termination(Kind kind, String message, String errorText, long exitStatus, Span span) {

    /** The causes of an abnormal termination. */
    enum Kind {
        /** A run-time error (§14.3). */
        ERROR,
        /** A connector stopped on a failed job (forced termination). */
        FORCED,
        /** {@code abort()}. */
        ABORT,
        /** A failed {@code assert()}. */
        ASSERT
    }

    static Termination of(Kind kind, String message, String errorText, long exitStatus, Span span) {
        return new Termination(kind, message, errorText, exitStatus, span);
    }
}
