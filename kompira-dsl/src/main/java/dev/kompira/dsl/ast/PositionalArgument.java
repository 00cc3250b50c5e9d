package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * An argument bound by position.
 *
 * @param value the expression
 * @param span  the argument's text
 */
public record PositionalArgument(Expr value, Span span) implements Argument {

    /** Validates the components. */
    public PositionalArgument {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
