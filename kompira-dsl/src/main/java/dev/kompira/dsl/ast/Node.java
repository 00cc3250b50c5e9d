package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;

/**
 * A node of the jobflow syntax tree.
 *
 * <p>Every node is an immutable record and carries the {@link Span} of the source it was parsed
 * from ({@link Span#NONE} when built in Java code). Two trees that differ only in spans are
 * compared with {@link AstEquivalence}. Nothing in the tree depends on the runtime.
 */
public sealed interface Node
        permits Program, Parameter, Flow, Link, Job, Expr, Binding, KeyValue, Argument, IfBranch, CaseClause {

    /** Returns where this node is in its source. */
    Span span();
}
