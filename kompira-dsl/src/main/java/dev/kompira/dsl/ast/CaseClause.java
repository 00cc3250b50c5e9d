package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A clause {@code pattern, pattern: jobflow} of a case block.
 *
 * @param patterns at least one pattern, tested left to right
 * @param body     the jobflow that runs when a pattern matches
 * @param span     from the first pattern to the end of the body
 */
public record CaseClause(List<Expr> patterns, Flow body, Span span) implements Node {

    /** Copies the list and validates the components. */
    public CaseClause {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("a case clause needs at least one pattern");
        }
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }
}
