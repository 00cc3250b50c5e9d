package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * {@code *value}: the elements of an Array become further positional arguments. The value is an atom.
 *
 * @param value the expression
 * @param span  the argument's text
 */
public record StarArgument(Expr value, Span span) implements Argument {

    /** Validates the components. */
    public StarArgument {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
