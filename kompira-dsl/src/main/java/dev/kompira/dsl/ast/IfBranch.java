package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A condition and the jobflow that runs when it is the first true one.
 *
 * @param condition the condition, or {@code null} (first branch only) meaning {@code $RESULT}
 * @param body      the jobflow of this branch
 * @param span      from the condition (or clause keyword) to the end of the body
 */
public record IfBranch(Expr condition, Flow body, Span span) implements Node {

    /** Validates the components. */
    public IfBranch {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(span, "span");
    }
}
