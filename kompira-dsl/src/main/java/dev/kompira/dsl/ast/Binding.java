package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * {@code name = value}: in an assignment job, in the bindings of a simple block, and as an entry
 * of a dictionary display whose key is the String {@code name}.
 *
 * @param name  the variable name or dictionary key
 * @param value the value expression
 * @param span  from the name to the end of the value
 */
public record Binding(String name, Expr value, Span span) implements Node, DictEntry {

    /** Validates the components. */
    public Binding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
