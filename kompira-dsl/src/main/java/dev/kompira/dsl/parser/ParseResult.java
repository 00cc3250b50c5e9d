package dev.kompira.dsl.parser;

import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.diag.DiagnosticRenderer;
import dev.kompira.dsl.lexer.Comment;
import dev.kompira.dsl.source.SourceText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What parsing a jobflow produced: the syntax tree it could build, the comments, and every
 * diagnostic, sorted by position. When {@link #hasErrors()} is true the tree may contain
 * {@link dev.kompira.dsl.ast.ErrorJob} and {@link dev.kompira.dsl.ast.ErrorExpr} nodes and must not be
 * run or formatted.
 *
 * @param source      the source text
 * @param program     the syntax tree
 * @param comments    the comments, in source order
 * @param diagnostics the diagnostics, in source order
 */
public record ParseResult(SourceText source, Program program, List<Comment> comments, List<Diagnostic> diagnostics) {

    /** Copies the lists and validates the components. */
    public ParseResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(program, "program");
        comments = List.copyOf(comments);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Returns whether any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Returns a copy with {@code more} diagnostics merged in position order. */
    public ParseResult withDiagnostics(List<Diagnostic> more) {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(more);
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()));
        return new ParseResult(source, program, comments, all);
    }

    /** Renders every diagnostic as language.md §14.1 shows, each with its source line and a caret. */
    public String renderDiagnostics() {
        return DiagnosticRenderer.renderAll(diagnostics, source);
    }
}
