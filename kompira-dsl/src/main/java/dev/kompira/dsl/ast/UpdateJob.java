package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * An update job {@code [value >> target]} (language.md §8.4).
 *
 * <p>{@code target} is a {@link Name}, an {@link ObjectPath}, or a {@link Name}, {@link ObjectPath} or
 * {@link StatusVar} followed by {@link Attribute} and {@link Subscript} selectors (a status variable
 * needs at least one selector).
 *
 * @param value  the value to store
 * @param target where to store it
 * @param span   the brackets and everything between
 */
public record UpdateJob(Expr value, Expr target, Span span) implements Job {

    /** Validates the components. */
    public UpdateJob {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(JobVisitor<R> visitor) {
        return visitor.visitUpdate(this);
    }
}
