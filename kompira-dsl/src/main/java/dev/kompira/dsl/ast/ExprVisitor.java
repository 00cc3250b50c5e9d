package dev.kompira.dsl.ast;

/**
 * An operation over every kind of {@link Expr}.
 *
 * @param <R> the result type
 */
public interface ExprVisitor<R> {
    R visitName(Name expr);

    R visitStatusVar(StatusVar expr);

    R visitObjectPath(ObjectPath expr);

    R visitString(StringLiteral expr);

    R visitBinary(BinaryLiteral expr);

    R visitInteger(IntegerLiteral expr);

    R visitFloat(FloatLiteral expr);

    R visitBoolean(BooleanLiteral expr);

    R visitNull(NullLiteral expr);

    R visitPattern(PatternLiteral expr);

    R visitArray(ArrayDisplay expr);

    R visitDict(DictDisplay expr);

    R visitUnary(Unary expr);

    R visitChain(OperatorChain expr);

    R visitAttribute(Attribute expr);

    R visitSubscript(Subscript expr);

    R visitCall(Call expr);

    R visitError(ErrorExpr expr);
}
