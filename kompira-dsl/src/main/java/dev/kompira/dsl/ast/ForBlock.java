package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A {@code for} loop {@code { for name in iterable | jobflow }} (language.md §9.4).
 *
 * @param variable the loop variable, scoped to the block
 * @param iterable evaluated once when the block starts
 * @param body     run once per element
 * @param span     the braces and everything between
 */
public record ForBlock(String variable, Expr iterable, Flow body, Span span) implements Block {

    /** Validates the components. */
    public ForBlock {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(iterable, "iterable");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitFor(this);
    }
}
