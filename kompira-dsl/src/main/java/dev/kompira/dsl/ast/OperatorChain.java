package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Operands joined by binary operators of one precedence level: {@code a + b - c},
 * {@code x and y and z}, {@code 1 <= n < 10}.
 *
 * <p>For every level but {@link Precedence#COMPARISON} the operators apply left to right
 * ({@code ((a + b) - c)}); {@code and} and {@code or} short-circuit; comparisons chain
 * ({@code 1 <= n and n < 10}, language.md §7.8). Chains are kept flat so that long sums do not make
 * the tree deep: a chain whose first operand is a chain of the same left-associative level is
 * merged into it, which is why {@code (a + b) + c} and {@code a + b + c} give the same tree.
 *
 * @param first the leftmost operand
 * @param rest  the operators and the operands to their right, all of one precedence level
 * @param span  from the first operand to the last
 */
public record OperatorChain(Expr first, List<Operand> rest, Span span) implements Expr {

    /** Flattens, copies and validates the components. */
    public OperatorChain {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(span, "span");
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("an operator chain needs at least one operator");
        }
        Precedence level = rest.get(0).operator().precedence();
        for (Operand operand : rest) {
            if (operand.operator().precedence() != level) {
                throw new IllegalArgumentException("operators of one chain must share a precedence level: "
                        + rest.get(0).operator() + " and " + operand.operator());
            }
        }
        if (level.regroupsLeft() && first instanceof OperatorChain && first.precedence() == level) {
            OperatorChain inner = (OperatorChain) first;
            List<Operand> merged = new ArrayList<>(inner.rest());
            merged.addAll(rest);
            first = inner.first();
            rest = merged;
        }
        rest = List.copyOf(rest);
    }

    /** Returns the precedence level shared by all operators of the chain. */
    @Override
    public Precedence precedence() {
        return rest.get(0).operator().precedence();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitChain(this);
    }
}
