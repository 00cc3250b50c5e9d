package dev.kompira.dsl.builder;

import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@code case} block clause by clause. Start one with {@link Flows#caseOf(Expr)}.
 * Not thread-safe.
 */
public final class CaseBuilder {

    private final Expr subject;
    private final List<CaseClause> clauses = new ArrayList<>();

    CaseBuilder(Expr subject) {
        this.subject = subject;
    }

    /** Adds {@code pattern, pattern: body}; Strings are globs, Patterns match by kind, other values by {@code ==}. */
    public CaseBuilder when(Flow body, Expr pattern, Expr... more) {
        List<Expr> patterns = new ArrayList<>();
        patterns.add(pattern);
        patterns.addAll(Arrays.asList(more));
        clauses.add(new CaseClause(patterns, body, Span.NONE));
        return this;
    }

    /** Ends the block with {@code else: body}. */
    public CaseBlock otherwise(Flow body) {
        return new CaseBlock(subject, clauses, body, Span.NONE);
    }

    /** Ends the block without {@code else} (no match then fails the block with {@code $STATUS = 1}). */
    /** Adds a clause whose body is still being built. */
    public CaseBuilder when(FlowBuilder body, Expr pattern, Expr... more) {
        return when(body.build(), pattern, more);
    }

    /** Finishes with {@code else: body} with a body still being built. */
    public CaseBlock otherwise(FlowBuilder body) {
        return otherwise(body.build());
    }

    public CaseBlock build() {
        return new CaseBlock(subject, clauses, null, Span.NONE);
    }
}
