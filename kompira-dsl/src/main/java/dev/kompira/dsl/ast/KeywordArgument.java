package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * {@code name=value}: an argument bound to the parameter {@code name}.
 *
 * @param name  the parameter name
 * @param value the expression
 * @param span  from the name to the end of the value
 */
public record KeywordArgument(String name, Expr value, Span span) implements Argument {

    /** Validates the components. */
    public KeywordArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
