package dev.kompira.core.error;

import dev.kompira.dsl.source.Span;

/**
 * A run-time error of the jobflow language (language.md §14.3): thrown while evaluating an
 * expression or performing a job, caught by the VM, and turned into an abnormal termination (or,
 * where the spec says so, into a failed job). The message is the normative text of the spec,
 * without location; the VM adds {@code file:line:col} and the call stack.
 */
public final class JobflowError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Span span;

    /** Creates an error with {@code code} and the user-facing {@code message}. */
    public JobflowError(ErrorCode code, String message) {
        this(code, message, null);
    }

    private JobflowError(ErrorCode code, String message, Span span) {
        super(message, null, false, false);
        this.code = code;
        this.span = span;
    }

    /** Returns where the error happened, or Java {@code null} when it has not been located yet. */
    public Span span() {
        return span;
    }

    /** Returns this error located at {@code where}, unless it already has a location. */
    public JobflowError at(Span where) {
        return span != null || where == null || !where.isKnown() ? this : new JobflowError(code, getMessage(), where);
    }

    /** Returns the error code. */
    public ErrorCode code() {
        return code;
    }

    /** Returns a copy of this error with a different code (same message). */
    public JobflowError withCode(ErrorCode newCode) {
        return new JobflowError(newCode, getMessage(), span);
    }
}
