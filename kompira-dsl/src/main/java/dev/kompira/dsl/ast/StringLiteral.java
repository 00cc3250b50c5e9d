package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A string literal. {@code value} is the text after escape processing; {@code $name}, {@code ${name}}
 * and {@code $$} are kept for the interpreter, which expands them at every evaluation.
 *
 * @param value the decoded text
 * @param span  the literal including its quotes
 */
public record StringLiteral(String value, Span span) implements Expr {

    /** Validates the components. */
    public StringLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitString(this);
    }
}
