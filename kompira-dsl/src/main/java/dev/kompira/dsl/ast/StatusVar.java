package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A status variable {@code $RESULT}, {@code $STATUS}, {@code $ERROR}, {@code $DEBUG} or {@code $ENV}
 * (language.md §6.4).
 *
 * @param name the name without {@code $}, e.g. {@code RESULT}
 * @param span the special identifier
 */
public record StatusVar(String name, Span span) implements Expr {

    /** Validates the components. */
    public StatusVar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitStatusVar(this);
    }
}
