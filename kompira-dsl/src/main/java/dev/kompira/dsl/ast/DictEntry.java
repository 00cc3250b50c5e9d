package dev.kompira.dsl.ast;

/** An entry of a dictionary display: {@code name = value} ({@link Binding}) or {@code key: value} ({@link KeyValue}). */
public sealed interface DictEntry permits Binding, KeyValue {

    /** Returns the value expression. */
    Expr value();
}
