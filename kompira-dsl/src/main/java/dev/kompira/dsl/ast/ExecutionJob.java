package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * An execution job {@code [target << input : arguments]} (language.md §8.2): runs a command, calls a
 * jobflow, runs a script job or calls a method, depending on the value of {@code target}.
 *
 * @param target    what to execute
 * @param input     the standard input after {@code <<}, or {@code null}
 * @param arguments the arguments after {@code :}; empty when there is no {@code :}
 * @param span      the brackets and everything between
 */
public record ExecutionJob(Expr target, Expr input, List<Argument> arguments, Span span) implements Job {

    /** Validates the components. */
    public ExecutionJob {
        Objects.requireNonNull(target, "target");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitExecution(this);
    }
}
