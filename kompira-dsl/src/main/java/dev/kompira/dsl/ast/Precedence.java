package dev.kompira.dsl.ast;

/**
 * Operator precedence levels of language.md §7.1, from the loosest to the tightest.
 */
public enum Precedence {
    OR, AND, NOT, MEMBERSHIP, COMPARISON, ADDITIVE, MULTIPLICATIVE, UNARY, POSTFIX, ATOM;

    /** Returns whether this level binds more loosely than {@code other}. */
    public boolean isLooserThan(Precedence other) {
        return compareTo(other) < 0;
    }

    /**
     * Returns whether {@code (a op b) op c} means the same as {@code a op b op c} at this level.
     * True for the left-associative levels; false for comparisons, which chain
     * ({@code a < b < c} is {@code a < b and b < c}).
     */
    public boolean regroupsLeft() {
        return this == OR || this == AND || this == MEMBERSHIP || this == ADDITIVE || this == MULTIPLICATIVE;
    }
}
