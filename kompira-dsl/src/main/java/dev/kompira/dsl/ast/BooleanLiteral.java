package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * {@code true} or {@code false}.
 *
 * @param value the value
 * @param span  the keyword
 */
public record BooleanLiteral(boolean value, Span span) implements Expr {

    /** Validates the components. */
    public BooleanLiteral {

        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitBoolean(this);
    }
}
