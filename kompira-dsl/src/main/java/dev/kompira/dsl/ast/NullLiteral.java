package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * {@code null}.
 *
 * @param span the keyword
 */
public record NullLiteral(Span span) implements Expr {

    /** Validates the components. */
    public NullLiteral {

        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitNull(this);
    }
}
