package dev.kompira.dsl.diag;

import dev.kompira.dsl.source.SourceText;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the diagnostics of one compilation. The same error at the same place is kept once,
 * because the parser may scan a stretch of text twice while recovering. Not thread-safe: one
 * collector belongs to one parse.
 */
public final class DiagnosticCollector {

    private final SourceText source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int errorCount;

    /** Creates an empty collector for diagnostics about {@code source}. */
    public DiagnosticCollector(SourceText source) {
        this.source = source;
    }

    /** Returns the source the diagnostics are about. */
    public SourceText source() {
        return source;
    }

    /** Reports an error at {@code span}. */
    public void error(ErrorCode code, Span span, String message) {
        add(Diagnostic.error(code, source.name(), span, message));
    }

    /** Adds a diagnostic unless an identical one at the same offset is already there. */
    public void add(Diagnostic diagnostic) {
        if (seen.add(diagnostic.code() + "@" + diagnostic.span().start() + ":" + diagnostic.message())) {
            diagnostics.add(diagnostic);
            if (diagnostic.isError()) {
                errorCount++;
            }
        }
    }

    /** Returns whether an error with {@code code} has been reported at exactly {@code offset}. */
    public boolean hasErrorAt(int offset, ErrorCode code) {
        for (int i = diagnostics.size() - 1; i >= 0; i--) {
            Diagnostic diagnostic = diagnostics.get(i);
            if (diagnostic.span().start() == offset && diagnostic.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** Returns the number of errors reported so far. */
    public int errorCount() {
        return errorCount;
    }

    /** Returns the diagnostics sorted by position (stable for equal positions). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()));
        return List.copyOf(copy);
    }
}
