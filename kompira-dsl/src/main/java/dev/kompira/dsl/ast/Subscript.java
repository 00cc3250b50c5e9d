package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A subscript {@code target[index]}.
 *
 * @param target the subscripted expression
 * @param index  the index or key expression
 * @param span   from the target to the closing bracket
 */
public record Subscript(Expr target, Expr index, Span span) implements Expr {

    /** Validates the components. */
    public Subscript {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitSubscript(this);
    }

    @Override
    public Precedence precedence() {
        return Precedence.POSTFIX;
    }
}
