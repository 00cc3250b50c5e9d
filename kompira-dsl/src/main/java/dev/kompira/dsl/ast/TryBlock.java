package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A {@code try} block {@code { try | jobflow }} (language.md §9.10).
 *
 * @param body the jobflow whose failure is caught
 * @param span the braces and everything between
 */
public record TryBlock(Flow body, Span span) implements Block {

    /** Validates the components. */
    public TryBlock {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitTry(this);
    }
}
