package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A parameter declaration {@code | name |} or {@code | name = default |}.
 *
 * @param name         the parameter name
 * @param defaultValue the default expression, or {@code null} for a required parameter
 * @param span         from the opening to the closing bar
 */
public record Parameter(String name, Expr defaultValue, Span span) implements Node {

    /** Validates the components. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }

    /** Returns whether the parameter has a default. */
    public boolean hasDefault() {
        return defaultValue != null;
    }
}
