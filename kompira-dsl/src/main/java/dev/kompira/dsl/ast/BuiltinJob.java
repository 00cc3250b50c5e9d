package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A built-in job {@code name(arguments)} (language.md §8.6); {@code name} names a built-in job or
 * built-in function, resolved at compile time.
 *
 * @param name      the built-in name
 * @param arguments the arguments
 * @param span      from the name to the closing parenthesis
 */
public record BuiltinJob(String name, List<Argument> arguments, Span span) implements Job {

    /** Validates the components. */
    public BuiltinJob {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitBuiltin(this);
    }
}
