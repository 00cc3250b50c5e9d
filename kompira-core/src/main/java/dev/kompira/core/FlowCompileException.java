package dev.kompira.core;

import dev.kompira.dsl.diag.Diagnostic;
import java.util.List;

/**
 * A jobflow that does not compile (language.md §11.5, §14.2). The message is the rendered
 * diagnostics, {@code path:line:col: error: message} with source line and caret, ready to print.
 */
public final class FlowCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    /** Creates the exception from the diagnostics and their rendering. */
    public FlowCompileException(List<Diagnostic> diagnostics, String rendered) {
        super(rendered, null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Returns every diagnostic, errors and warnings. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
