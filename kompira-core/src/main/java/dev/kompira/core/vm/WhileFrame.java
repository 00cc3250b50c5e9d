package dev.kompira.core.vm;

import dev.kompira.core.value.IntegerValue;

/**
 * A {@code while} block (language.md §9.5): evaluates the condition before each iteration. Ends
 * with {@code $STATUS = 0}.
 */
final class WhileFrame extends Frame {

    final CompiledProgram.WhileCode code;

    WhileFrame(CompiledProgram.WhileCode code, Invocation invocation, Scope scope) {
        super(invocation, scope);
        this.code = code;
    }

    @Override
    void step(Machine machine) {
        do {
            machine.beginExpression(code.conditionSpan());
            if (!code.condition().eval(scope, machine).truthy()) {
                invocation.status = IntegerValue.ZERO;
                machine.pop(this);
                return;
            }
        } while (machine.pushAndStep(this, new FlowFrame(code.body(), invocation, scope)));
    }

    @Override
    boolean isLoop() {
        return true;
    }

    @Override
    void continueLoop() {
        // the next step re-evaluates the condition
    }
}
