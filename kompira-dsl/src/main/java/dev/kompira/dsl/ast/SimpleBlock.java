package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A simple block {@code { jobflow }} or {@code { a = 1, b = 2 | jobflow }} (language.md §9.1).
 *
 * @param bindings the block-scoped bindings, possibly empty
 * @param body     the jobflow expression
 * @param span     the braces and everything between
 */
public record SimpleBlock(List<Binding> bindings, Flow body, Span span) implements Block {

    /** Validates the components. */
    public SimpleBlock {
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitSimpleBlock(this);
    }
}
