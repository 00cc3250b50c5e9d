package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * An attribute reference {@code target.name}: a property, method, field or dictionary element.
 *
 * @param target the expression before the dot
 * @param name   the attribute name
 * @param span   from the target to the name
 */
public record Attribute(Expr target, String name, Span span) implements Expr {

    /** Validates the components. */
    public Attribute {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitAttribute(this);
    }

    @Override
    public Precedence precedence() {
        return Precedence.POSTFIX;
    }
}
