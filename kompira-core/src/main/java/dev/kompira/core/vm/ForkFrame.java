package dev.kompira.core.vm;

import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code fork} or {@code pfor} block (language.md §9.7, §9.8): creates the child processes in
 * order — waiting for a slot when the engine's process limit is reached (D105) — then waits for
 * every child that has not detached. Afterwards {@code $RESULT} is the Array of all children,
 * {@code $STATUS} the number of non-detached ones that ended ABORTED, {@code $ERROR = ''}.
 */
final class ForkFrame extends Frame {

    final CompiledProgram.ForkCode code;
    final List<Value> items;
    final List<Machine> children = new ArrayList<>();
    private final Join join;
    private boolean joined;

    /**
     * Creates the frame; {@code items} are the pfor elements, or Java null for a fork (one child
     * per branch).
     */
    ForkFrame(CompiledProgram.ForkCode code, Invocation invocation, Scope scope, List<Value> items, Machine machine) {
        super(invocation, scope);
        this.code = code;
        this.items = items;
        this.join = new Join(machine);
    }

    private int total() {
        return items == null ? code.branches().length : items.size();
    }

    @Override
    void step(Machine m) {
        if (!joined) {
            while (children.size() < total()) {
                if (!m.acquireSlot()) {
                    return;
                }
                int i = children.size();
                Value loopValue = items == null ? null : items.get(i);
                CompiledProgram.FlowCode body = items == null ? code.branches()[i] : code.branches()[0];
                Machine child = m.forkChild(body, scope, invocation, loopValue, join);
                children.add(child);
                child.startHoldingSlot();
            }
            joined = true;
            if (!join.arm()) {
                m.parkUntilWoken(() -> { });
                return;
            }
        }
        finish(m);
    }

    private void finish(Machine m) {
        List<Value> processes = new ArrayList<>(children.size());
        int aborted = 0;
        for (Machine child : children) {
            processes.add(child.value());
            if (!child.isDetached() && child.state() == ProcessState.ABORTED) {
                aborted++;
            }
        }
        invocation.setOutcome(new ArrayValue(processes), IntegerValue.of(aborted), StringValue.EMPTY);
        m.pop(this);
    }
}
