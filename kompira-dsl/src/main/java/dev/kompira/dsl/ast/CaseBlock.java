package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A {@code case} block (language.md §9.3).
 *
 * @param subject  the value matched, or {@code null} meaning {@code $RESULT}
 * @param clauses  at least one clause, tried in order
 * @param elseBody the {@code else} jobflow, or {@code null}
 * @param span     the braces and everything between
 */
public record CaseBlock(Expr subject, List<CaseClause> clauses, Flow elseBody, Span span) implements Block {

    /** Validates the components. */
    public CaseBlock {
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("a case block needs at least one clause besides else");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitCase(this);
    }
}
