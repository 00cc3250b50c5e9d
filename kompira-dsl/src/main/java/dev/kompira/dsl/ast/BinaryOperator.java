package dev.kompira.dsl.ast;

/** Binary operators and their precedence (language.md §7.1). */
public enum BinaryOperator {
    OR("or", Precedence.OR),
    AND("and", Precedence.AND),
    IN("in", Precedence.MEMBERSHIP),
    NOT_IN("not in", Precedence.MEMBERSHIP),
    LT("<", Precedence.COMPARISON),
    GT(">", Precedence.COMPARISON),
    LE("<=", Precedence.COMPARISON),
    GE(">=", Precedence.COMPARISON),
    EQ("==", Precedence.COMPARISON),
    NE("!=", Precedence.COMPARISON),
    MATCH("=~", Precedence.COMPARISON),
    NOT_MATCH("!~", Precedence.COMPARISON),
    ADD("+", Precedence.ADDITIVE),
    SUBTRACT("-", Precedence.ADDITIVE),
    MULTIPLY("*", Precedence.MULTIPLICATIVE),
    DIVIDE("/", Precedence.MULTIPLICATIVE),
    REMAINDER("%", Precedence.MULTIPLICATIVE);

    private final String symbol;
    private final Precedence precedence;

    BinaryOperator(String symbol, Precedence precedence) {
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
