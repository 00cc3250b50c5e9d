package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A {@code session} block {@code { session name | jobflow }} (language.md §9.9).
 *
 * @param variable names the session channel inside the block
 * @param body     the jobflow that talks to the session
 * @param span     the braces and everything between
 */
public record SessionBlock(String variable, Flow body, Span span) implements Block {

    /** Validates the components. */
    public SessionBlock {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitSession(this);
    }
}
