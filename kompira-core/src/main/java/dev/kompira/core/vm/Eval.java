package dev.kompira.core.vm;

import dev.kompira.core.value.Value;

/** A compiled expression (language.md §7): evaluates without waiting, may throw a run-time error. */
@FunctionalInterface
interface Eval {

    /** Evaluates the expression in {@code scope} for the process run by {@code machine}. */
    Value eval(Scope scope, Machine machine);
}
