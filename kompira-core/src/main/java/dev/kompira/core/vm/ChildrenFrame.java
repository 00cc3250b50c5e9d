package dev.kompira.core.vm;

import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code fork} and {@code pfor} share (language.md §9.7, §9.8): create the child processes in
 * order — waiting for a slot when the engine's process limit is reached (D105) — then wait for every
 * child that has not detached. Afterwards {@code $RESULT} is the Array of all children,
 * {@code $STATUS} the number of non-detached ones that ended ABORTED, {@code $ERROR = ''}.
 */
abstract class ChildrenFrame extends Frame {

    private final List<Machine> children = new ArrayList<>();
    private final Join join;
    private boolean joined;

    ChildrenFrame(Invocation invocation, Scope scope, Machine machine) {
        super(invocation, scope);
        this.join = new Join(machine);
    }

    /** Returns how many children the block creates. */
    abstract int total();

    /** Returns the code child {@code i} runs. */
    abstract CompiledProgram.FlowCode body(int i);

    /** Returns the loop value child {@code i} gets, or Java null for none. */
    abstract Value loopValue(int i);

    @Override
    final void step(Machine m) {
        if (!joined) {
            while (children.size() < total()) {
                if (!m.acquireSlot()) {
                    return;
                }
                int i = children.size();
                Machine child = m.forkChild(body(i), scope, invocation, loopValue(i), join);
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
