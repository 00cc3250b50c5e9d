package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A jobflow program: parameter declarations followed by an optional jobflow expression
 * (language.md §11.1).
 *
 * @param parameters the declared parameters, in order
 * @param flow       the jobflow expression, or {@code null} for a program that only declares parameters
 * @param span       the whole text
 */
public record Program(List<Parameter> parameters, Flow flow, Span span) implements Node {

    /** Copies the list and validates the components. */
    public Program {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(span, "span");
    }

    /** Returns whether the program has a jobflow expression. */
    public boolean hasFlow() {
        return flow != null;
    }
}
