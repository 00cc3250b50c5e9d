package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A {@code fork} block (language.md §9.7): each jobflow expression becomes a child process.
 *
 * @param branches at least one jobflow expression
 * @param span     the braces and everything between
 */
public record ForkBlock(List<Flow> branches, Span span) implements Block {

    /** Validates the components. */
    public ForkBlock {
        branches = List.copyOf(branches);
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a fork block needs at least one jobflow expression");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitFork(this);
    }
}
