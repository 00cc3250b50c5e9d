package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A variable reference.
 *
 * @param name the variable name
 * @param span the identifier
 */
public record Name(String name, Span span) implements Expr {

    /** Validates the components. */
    public Name {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitName(this);
    }
}
