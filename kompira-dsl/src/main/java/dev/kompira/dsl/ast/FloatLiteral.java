package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A floating-point literal; never negative or NaN. A literal that overflows is positive infinity.
 *
 * @param value the value
 * @param span  the literal
 */
public record FloatLiteral(double value, Span span) implements Expr {

    /** Validates the components. */
    public FloatLiteral {
        if (Double.isNaN(value) || Double.doubleToRawLongBits(value) < 0) {
            throw new IllegalArgumentException("a float literal must be a non-negative number: " + value + "; negate it with unary minus");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitFloat(this);
    }
}
