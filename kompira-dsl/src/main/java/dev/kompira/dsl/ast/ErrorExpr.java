package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * Stands for an expression that could not be parsed; it appears only in trees whose parse reported
 * errors.
 *
 * @param span the text that was skipped
 */
public record ErrorExpr(Span span) implements Expr {

    /** Validates the components. */
    public ErrorExpr {

        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitError(this);
    }
}
