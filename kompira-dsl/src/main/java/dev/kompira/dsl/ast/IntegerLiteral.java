package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * An integer literal; unbounded and never negative ({@code -5} is unary minus applied to {@code 5}).
 *
 * @param value the value
 * @param span  the digits
 */
public record IntegerLiteral(java.math.BigInteger value, Span span) implements Expr {

    /** Validates the components. */
    public IntegerLiteral {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("an integer literal cannot be negative: " + value + "; negate it with unary minus");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitInteger(this);
    }
}
