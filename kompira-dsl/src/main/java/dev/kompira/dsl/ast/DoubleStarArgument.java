package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * {@code **value}: the entries of a Dictionary become keyword arguments. The value is an atom.
 *
 * @param value the expression
 * @param span  the argument's text
 */
public record DoubleStarArgument(Expr value, Span span) implements Argument {

    /** Validates the components. */
    public DoubleStarArgument {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
