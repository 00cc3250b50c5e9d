package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A call {@code callee(arguments)} of a built-in function, method or library function.
 *
 * @param callee    the expression called; a bare {@link Name} is resolved at compile time (D61)
 * @param arguments the arguments
 * @param span      from the callee to the closing parenthesis
 */
public record Call(Expr callee, List<Argument> arguments, Span span) implements Expr {

    /** Validates the components. */
    public Call {
        Objects.requireNonNull(callee, "callee");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitCall(this);
    }

    @Override
    public Precedence precedence() {
        return Precedence.POSTFIX;
    }
}
