package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * An event job {@code <source ?? guard : arguments>} (language.md §8.5): waits for a message, a
 * process or one of a list of them.
 *
 * @param source    what to wait for
 * @param guardMode whether and how a guard is applied
 * @param guard     the guard expression, {@code null} exactly when {@code guardMode} is {@link GuardMode#NONE}
 * @param arguments {@code timeout}, {@code peek_mode}, ...; empty when there is no {@code :}
 * @param span      the angle brackets and everything between
 */
public record EventJob(Expr source, GuardMode guardMode, Expr guard, List<Argument> arguments, Span span) implements Job {

    /** Validates the components. */
    public EventJob {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(guardMode, "guardMode");
        if ((guardMode == GuardMode.NONE) != (guard == null)) {
            throw new IllegalArgumentException("a guard expression must be given exactly when a guard mode is");
        }
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitEvent(this);
    }
}
