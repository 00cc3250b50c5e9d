package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * {@code key: value}, an entry of a dictionary display whose key is computed.
 *
 * @param key   the key expression
 * @param value the value expression
 * @param span  from the key to the end of the value
 */
public record KeyValue(Expr key, Expr value, Span span) implements Node, DictEntry {

    /** Validates the components. */
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
