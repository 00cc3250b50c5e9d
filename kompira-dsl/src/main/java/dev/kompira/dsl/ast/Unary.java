package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A prefix operation {@code -x}, {@code +x} or {@code not x}.
 *
 * @param operator the operator
 * @param operand  the operand
 * @param span     from the operator to the end of the operand
 */
public record Unary(UnaryOperator operator, Expr operand, Span span) implements Expr {

    /** Validates the components. */
    public Unary {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitUnary(this);
    }

    @Override
    public Precedence precedence() {
        return operator.precedence();
    }
}
