package dev.kompira.core.vm;

import dev.kompira.core.value.Value;

/** A {@code fork} block (language.md §9.7): one child per branch. */
final class ForkFrame extends ChildrenFrame {

    private final CompiledProgram.ForkCode code;

    ForkFrame(CompiledProgram.ForkCode code, Invocation invocation, Scope scope, Machine machine) {
        super(invocation, scope, machine);
        this.code = code;
    }

    CompiledProgram.ForkCode code() {
        return code;
    }

    @Override
    int total() {
        return code.branches().length;
    }

    @Override
    CompiledProgram.FlowCode body(int i) {
        return code.branches()[i];
    }

    @Override
    boolean childrenHaveEffects() {
        return code.effects();
    }

    @Override
    Value loopValue(int i) {
        return null;
    }
}
