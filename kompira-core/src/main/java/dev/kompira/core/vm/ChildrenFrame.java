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
    private final List<Machine> unstarted = new ArrayList<>();
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

    /** Returns whether the children may have effects, so that the parent is saved before it starts them. */
    abstract boolean childrenHaveEffects();

    /** Returns the loop value child {@code i} gets, or Java null for none. */
    abstract Value loopValue(int i);

    /** Returns the children created so far. */
    List<Machine> children() {
        return children;
    }

    /** Returns how many of the children have not ended. */
    int running() {
        return (int) children.stream().filter(c -> !c.state().isFinished()).count();
    }

    @Override
    final void step(Machine m) {
        if (!joined) {
            while (children.size() < total()) {
                if (!m.acquireSlot()) {
                    startCreated(m);
                    return;
                }
                int i = children.size();
                Machine child = m.forkChild(body(i), scope, invocation, loopValue(i), join);
                if (!childrenHaveEffects()) {
                    child.rerunWithParent();
                }
                children.add(child);
                unstarted.add(child);
            }
            startCreated(m);
            joined = true;
            if (!join.arm()) {
                m.parkUntilWoken(() -> { });
                return;
            }
        }
        finish(m);
    }

    /**
     * Starts the children created since the last start, after saving the parent with them in
     * checkpoint mode: a parent resumed after a crash knows every child it started and starts none
     * of them twice. Children without effects are simply run again after a crash (J140), so no save
     * is needed for them.
     */
    private void startCreated(Machine m) {
        if (unstarted.isEmpty()) {
            return;
        }
        if (childrenHaveEffects()) {
            m.checkpointNow();
        }
        unstarted.forEach(Machine::startHoldingSlot);
        unstarted.clear();
    }

    /** Makes a restored process child {@code i} of this block again. */
    Machine adoptRestored(Machine parent, Machine child, int i) {
        parent.adoptRestored(child, join, new ChildStart(body(i), scope, invocation, loopValue(i)));
        return child;
    }

    /** Starts child {@code i} again under pid {@code pid}: it was created before the crash but never got to its first job. */
    Machine forkAgain(Machine parent, long pid, int i) {
        Machine child = parent.forkChild(body(i), scope, invocation, loopValue(i), join, pid);
        child.startRestored(false);
        return child;
    }

    /** Gives a restored block the children it had created. */
    void restoreChildren(List<Machine> restored) {
        children.addAll(restored);
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
        m.childrenJoined(children);
        m.pop(this);
    }
}
