package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A {@code while} loop {@code { while condition | jobflow }} (language.md §9.5).
 *
 * @param condition evaluated before each iteration
 * @param body      the loop body
 * @param span      the braces and everything between
 */
public record WhileBlock(Expr condition, Flow body, Span span) implements Block {

    /** Validates the components. */
    public WhileBlock {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitWhile(this);
    }
}
