package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * An array display {@code [e1, e2, ...]}.
 *
 * @param elements the element expressions
 * @param span     the brackets and everything between
 */
public record ArrayDisplay(List<Expr> elements, Span span) implements Expr {

    /** Validates the components. */
    public ArrayDisplay {
        elements = List.copyOf(elements);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitArray(this);
    }
}
