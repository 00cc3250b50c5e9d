package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * The control job {@code continue} (language.md §8.7).
 *
 * @param span the keyword
 */
public record ContinueJob(Span span) implements Job {

    /** Validates the components. */
    public ContinueJob {
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitContinue(this);
    }
}
