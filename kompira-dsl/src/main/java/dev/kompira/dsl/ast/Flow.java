package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A jobflow expression {@code job { connector job }} (language.md §10): the first job and the
 * connector-job pairs that follow it.
 *
 * @param first the first job
 * @param links the connectors and jobs after it, in order
 * @param span  from the first job to the last
 */
public record Flow(Job first, List<Link> links, Span span) implements Node {

    /** Copies the list and validates the components. */
    public Flow {
        Objects.requireNonNull(first, "first");
        links = List.copyOf(links);
        Objects.requireNonNull(span, "span");
    }

    /** Returns all jobs in order. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>(links.size() + 1);
        jobs.add(first);
        for (Link link : links) {
            jobs.add(link.job());
        }
        return Collections.unmodifiableList(jobs);
    }

    /** Returns the number of jobs this expression connects (a block counts as one). */
    public int size() {
        return links.size() + 1;
    }
}
