package dev.kompira.core.vm;

import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;

/**
 * Runs a jobflow expression (language.md §10.1): its jobs left to right, applying each connector
 * to the status of the job before it. The outcome of the expression is simply the status
 * variables its last job left. This is the one place where connectors are applied.
 */
final class FlowFrame extends Frame {

    final CompiledProgram.FlowCode code;
    int next;
    boolean awaiting;

    FlowFrame(CompiledProgram.FlowCode code, Invocation invocation, Scope scope) {
        super(invocation, scope);
        this.code = code;
    }

    @Override
    void step(Machine machine) {
        if (awaiting) {
            awaiting = false;
            if (!continuesAfter(machine, next - 1)) {
                return;
            }
        }
        JobCode[] jobs = code.jobs();
        while (next < jobs.length) {
            if (machine.pauseAtJobBoundary(jobs[next])) {
                return;
            }
            JobCode job = jobs[next++];
            int depth = machine.depth();
            awaiting = true;
            machine.beginJob(job);
            try {
                job.exec(machine, this);
            } catch (JobFailure failure) {
                invocation.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(failure.getMessage()));
            }
            if (machine.depth() != depth || machine.isParked() || machine.top() != this) {
                return;
            }
            awaiting = false;
            if (!continuesAfter(machine, next - 1)) {
                return;
            }
        }
        machine.pop(this);
    }

    /** Applies the connector after job {@code index}; returns false when it stopped the flow. */
    private boolean continuesAfter(Machine machine, int index) {
        boolean absorbed = machine.takeAbsorbed();
        if (index == code.jobs().length - 1) {
            return true;
        }
        if (absorbed || code.connectors()[index].continuesAfter(invocation.statusSign())) {
            return true;
        }
        machine.forcedTermination(code.jobs()[index]);
        return false;
    }
}
