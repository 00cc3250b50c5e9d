package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * Stands for a job that could not be parsed. It appears only in trees whose parse reported errors,
 * so that the rest of the tree can still be inspected; such trees cannot be formatted or compiled.
 *
 * @param span the text that was skipped
 */
public record ErrorJob(Span span) implements Job {

    /** Validates the components. */
    public ErrorJob {
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitError(this);
    }
}
