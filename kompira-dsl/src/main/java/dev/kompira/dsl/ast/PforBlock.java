package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A {@code pfor} block {@code { pfor name in iterable | jobflow }} (language.md §9.8): one child
 * process per element.
 *
 * @param variable the loop variable of each child
 * @param iterable evaluated once when the block starts
 * @param body     the jobflow each child runs
 * @param span     the braces and everything between
 */
public record PforBlock(String variable, Expr iterable, Flow body, Span span) implements Block {

    /** Validates the components. */
    public PforBlock {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(iterable, "iterable");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitPfor(this);
    }
}
