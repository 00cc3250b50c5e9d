package dev.kompira.core.vm;

import dev.kompira.core.value.Value;
import java.util.List;

/** A {@code pfor} block (language.md §9.8): one child per element, bound to the loop variable in a scope of its own. */
final class PforFrame extends ChildrenFrame {

    private final CompiledProgram.PforCode code;
    private final List<Value> items;

    PforFrame(CompiledProgram.PforCode code, Invocation invocation, Scope scope, List<Value> items, Machine machine) {
        super(invocation, scope, machine);
        this.code = code;
        this.items = items;
    }

    CompiledProgram.PforCode code() {
        return code;
    }

    List<Value> items() {
        return items;
    }

    @Override
    int total() {
        return items.size();
    }

    @Override
    CompiledProgram.FlowCode body(int i) {
        return code.body();
    }

    @Override
    boolean childrenHaveEffects() {
        return code.effects();
    }

    @Override
    Value loopValue(int i) {
        return items.get(i);
    }
}
