package dev.kompira.dsl.builder;

import dev.kompira.dsl.ast.Connector;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.Link;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chains jobs into a jobflow expression; each method names what happens when the previous job
 * fails (language.md §10.2). Start one with {@link Flows#flow(Job)}. Not thread-safe; each
 * {@link #build()} returns a new immutable {@link Flow}.
 */
public final class FlowBuilder {

    private final Job first;
    private final List<Link> links = new ArrayList<>();

    FlowBuilder(Job first) {
        this.first = Objects.requireNonNull(first, "first");
    }

    /** {@code -> job}: run {@code job} only if the previous job succeeded. */
    public FlowBuilder then(Job job) {
        return then(Connector.ARROW, job);
    }

    /** {@code => job}: run {@code job} also after a command failure ({@code $STATUS >= 1}). */
    public FlowBuilder thenEvenIfFailed(Job job) {
        return then(Connector.FAT_ARROW, job);
    }

    /** {@code ->> job}: run {@code job} also when the target host could not be reached ({@code $STATUS < 0}). */
    public FlowBuilder thenEvenIfUnreachable(Job job) {
        return then(Connector.LONG_ARROW, job);
    }

    /** {@code =>> job}: run {@code job} whatever the previous job's status. */
    public FlowBuilder thenRegardless(Job job) {
        return then(Connector.LONG_FAT_ARROW, job);
    }

    /** Connects {@code job} with {@code connector}. */
    public FlowBuilder then(Connector connector, Job job) {
        links.add(new Link(connector, job, Span.NONE));
        return this;
    }

    /** Returns the jobflow expression built so far. */
    public Flow build() {
        return new Flow(first, links, Span.NONE);
    }
}
