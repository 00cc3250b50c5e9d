package dev.kompira.dsl.diag;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * One problem found in a jobflow's source.
 *
 * @param severity how serious it is
 * @param code     which rule was broken
 * @param source   the file name or object path of the jobflow
 * @param span     where (its line and column are 1-based, columns count code points)
 * @param message  what is wrong and, where it helps, what was expected
 */
public record Diagnostic(Severity severity, ErrorCode code, String source, Span span, String message) {

    /** Validates the components. */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
    }

    /** Creates an error. */
    public static Diagnostic error(ErrorCode code, String source, Span span, String message) {
        return new Diagnostic(Severity.ERROR, code, source, span, message);
    }

    /** Returns the 1-based line. */
    public int line() {
        return span.line();
    }

    /** Returns the 1-based code-point column. */
    public int column() {
        return span.column();
    }

    /** Returns whether this is an error (rather than a warning). */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Returns the one-line form {@code source:line:column: error: message}. */
    @Override
    public String toString() {
        return source + ":" + line() + ":" + column() + ": " + severity.label() + ": " + message;
    }
}
