package dev.kompira.core.vm;

import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Value;
import java.util.List;

/**
 * A {@code for} block (language.md §9.4): iterates a snapshot taken when the block started, binding
 * the loop variable afresh in a block scope for each element. Ends with {@code $STATUS = 0}.
 */
final class ForFrame extends Frame {

    final CompiledProgram.ForCode code;
    final List<Value> items;
    int position;

    ForFrame(CompiledProgram.ForCode code, Invocation invocation, Scope scope, List<Value> items) {
        super(invocation, scope);
        this.code = code;
        this.items = items;
    }

    @Override
    void step(Machine machine) {
        while (position < items.size()) {
            Scope body = new Scope(1, scope);
            body.slots[0] = items.get(position++);
            if (!machine.pushAndStep(this, new FlowFrame(code.body(), invocation, body))) {
                return;
            }
        }
        invocation.status = IntegerValue.ZERO;
        machine.pop(this);
    }

    @Override
    boolean isLoop() {
        return true;
    }

    @Override
    void continueLoop() {
        // the next step starts the next element
    }
}
