package dev.kompira.dsl.ast;

/** Prefix operators (language.md §7.5, §7.11). */
public enum UnaryOperator {
    PLUS("+", Precedence.UNARY),
    MINUS("-", Precedence.UNARY),
    NOT("not", Precedence.NOT);

    private final String symbol;
    private final Precedence precedence;

    UnaryOperator(String symbol, Precedence precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** Returns how the operator is written. */
    public String symbol() {
        return symbol;
    }

    /** Returns the operator's precedence level. */
    public Precedence precedence() {
        return precedence;
    }
}
