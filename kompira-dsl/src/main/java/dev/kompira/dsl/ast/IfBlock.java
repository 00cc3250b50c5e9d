package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * An {@code if} block (language.md §9.2). Both written forms give the same tree: the short form
 * {@code { if c | jobflow }} is one branch and no else.
 *
 * @param branches the {@code then} branch followed by the {@code elif} branches; only the first
 *                 condition may be {@code null}, meaning {@code $RESULT}
 * @param elseBody the {@code else} jobflow, or {@code null}
 * @param span     the braces and everything between
 */
public record IfBlock(List<IfBranch> branches, Flow elseBody, Span span) implements Block {

    /** Validates the components. */
    public IfBlock {
        branches = List.copyOf(branches);
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("an if block needs a then branch");
        }
        for (int i = 1; i < branches.size(); i++) {
            Objects.requireNonNull(branches.get(i).condition(), "an elif branch needs a condition");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitIf(this);
    }
}
