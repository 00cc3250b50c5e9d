package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * The event job {@code <>}, which fires immediately (language.md §8.5).
 *
 * @param span the angle brackets
 */
public record ImmediateEventJob(Span span) implements Job {

    /** Validates the components. */
    public ImmediateEventJob {
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitImmediateEvent(this);
    }
}
