package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * The control job {@code break} (language.md §8.7).
 *
 * @param span the keyword
 */
public record BreakJob(Span span) implements Job {

    /** Validates the components. */
    public BreakJob {
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitBreak(this);
    }
}
