package dev.kompira.dsl.ast;

import java.util.Objects;

/**
 * An operator and the operand to its right, the repeating part of an {@link OperatorChain}.
 *
 * @param operator the binary operator
 * @param operand  its right operand
 */
public record Operand(BinaryOperator operator, Expr operand) {

    /** Validates the components. */
    public Operand {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
    }
}
