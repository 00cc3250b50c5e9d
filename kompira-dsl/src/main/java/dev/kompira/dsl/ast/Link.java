package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A connector and the job it leads to, the repeating part of a jobflow expression.
 *
 * @param connector the connector written before {@code job}
 * @param job       the job that runs if the connector lets execution continue
 * @param span      the connector token
 */
public record Link(Connector connector, Job job, Span span) implements Node {

    /** Validates the components. */
    public Link {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(span, "span");
    }
}
