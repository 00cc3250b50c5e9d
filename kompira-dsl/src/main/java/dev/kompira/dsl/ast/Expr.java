package dev.kompira.dsl.ast;

/** An expression (language.md §7). Parentheses are not kept: the tree shape says how operands group. */
public sealed interface Expr extends Node
        permits Name, StatusVar, ObjectPath, StringLiteral, BinaryLiteral, IntegerLiteral, FloatLiteral,
                BooleanLiteral, NullLiteral, PatternLiteral, ArrayDisplay, DictDisplay, Unary, OperatorChain,
                Attribute, Subscript, Call, ErrorExpr {

    /** Dispatches to the visitor method for this kind of expression. */
    <R> R accept(ExprVisitor<R> visitor);

    /** Returns how tightly this expression binds, which decides where source text needs parentheses. */
    default Precedence precedence() {
        return Precedence.ATOM;
    }
}
