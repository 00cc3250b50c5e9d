package dev.kompira.dsl.ast;

/**
 * One argument of a call, a built-in job, an execution job or an event job. In a list, positional
 * arguments come first, then at most one {@code *} argument, then keyword arguments, then at most
 * one {@code **} argument (language.md §3).
 */
public sealed interface Argument extends Node
        permits PositionalArgument, KeywordArgument, StarArgument, DoubleStarArgument {

    /** Returns the argument's expression. */
    Expr value();
}
