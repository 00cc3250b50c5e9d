package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A {@code choice} block (language.md §9.6): waits until one of several event jobs can fire and
 * continues with that event flow.
 *
 * @param eventFlows at least one jobflow expression, each starting with an {@link EventJob} or
 *                   {@link ImmediateEventJob} followed by a connector
 * @param span       the braces and everything between
 */
public record ChoiceBlock(List<Flow> eventFlows, Span span) implements Block {

    /** Validates the components. */
    public ChoiceBlock {
        eventFlows = List.copyOf(eventFlows);
        if (eventFlows.isEmpty()) {
            throw new IllegalArgumentException("a choice block needs at least one event flow");
        }
        for (Flow flow : eventFlows) {
            if (!(flow.first() instanceof EventJob || flow.first() instanceof ImmediateEventJob)
                    || flow.links().isEmpty()) {
                throw new IllegalArgumentException("each flow of a choice block must be an event job, a connector and a jobflow");
            }
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitChoice(this);
    }
}
