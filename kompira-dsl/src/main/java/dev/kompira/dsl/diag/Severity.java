package dev.kompira.dsl.diag;

/** How serious a {@link Diagnostic} is. */
public enum Severity {
    /** The jobflow is rejected: it cannot be started, scheduled or called. */
    ERROR,
    /** The jobflow is accepted, but something in it is probably not what the author meant. */
    WARNING;

    /** Returns the lower-case word used when rendering, e.g. {@code error}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
