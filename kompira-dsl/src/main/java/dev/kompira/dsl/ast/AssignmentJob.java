package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * An assignment job {@code [a = 1, b = a + 1]} (language.md §8.3); bindings are assigned left to right.
 *
 * @param bindings at least one binding
 * @param span     the brackets and everything between
 */
public record AssignmentJob(List<Binding> bindings, Span span) implements Job {

    /** Validates the components. */
    public AssignmentJob {
        bindings = List.copyOf(bindings);
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("an assignment job needs at least one binding");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitAssignment(this);
    }
}
