package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * The skip job {@code []}: does nothing, {@code $STATUS = 0} (language.md §8.1).
 *
 * @param span the brackets
 */
public record SkipJob(Span span) implements Job {

    /** Validates the components. */
    public SkipJob {
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitSkip(this);
    }
}
