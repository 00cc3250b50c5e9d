package dev.kompira.core.vm;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.process.RuntimeFailure;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * How control leaves frames other than by finishing them (language.md §9.3, §10.3, §11.3, §12.2):
 * {@code break} and {@code continue}, {@code return}, {@code exit} and {@code self()}, and abnormal
 * terminations, which unwind to the nearest frame that catches them (a {@code try}) or end the process
 * ABORTED with its diagnostic and a {@link RuntimeFailure}.
 *
 * <p>Not thread-safe: used by the carrier thread that runs the process.
 */
final class Unwinder {

    private final Machine machine;
    private final FrameStack stack;

    Unwinder(Machine machine, FrameStack stack) {
        this.machine = machine;
        this.stack = stack;
    }

    void breakLoop() {
        stack.discardWhile(f -> !f.isLoop(), machine);
        Frame loop = stack.discardTop(machine);
        loop.invocation.status = IntegerValue.ZERO;
    }

    void continueLoop() {
        stack.discardWhile(f -> !f.isContinueTarget(), machine);
        stack.top().continueLoop();
    }

    /** {@code exit()}: ends the whole process (§12.2). */
    void exitProcess(Value status, Value result, Value error) {
        stack.discardAll(machine);
        machine.finish(status, result, error, null);
    }

    /** {@code return()}: ends the current invocation (§11.3, D96). */
    void returnFromInvocation(Value result, Value status, Value error) {
        Invocation inv = machine.invocation();
        stack.discardWhile(f -> f.invocation == inv, machine);
        machine.completeInvocation(inv, result, status, error);
    }

    /** {@code self()}: restarts the current invocation with its start values (D109, D110). */
    void restartInvocation() {
        Invocation inv = machine.invocation();
        stack.discardWhile(f -> f.invocation == inv, machine);
        if (machine.restartAsChild(inv)) {
            return;
        }
        inv.scope = new Scope(inv.flow.jobflowSlotCount(), null);
        for (CompiledProgram.Parameter p : inv.flow.parameters()) {
            inv.scope.slots[p.slot()] = inv.startValues.get(p.name());
        }
        inv.resetStatus();
        machine.pushRoot(inv);
    }

    /** A connector stopped on the failed {@code job} (§10.2): a forced termination. */
    void forcedTermination(JobCode job) {
        Invocation inv = machine.invocation();
        String message = "job failed with status " + Rendering.text(inv.status);
        String error = Rendering.text(inv.error);
        if (!error.isEmpty() && !job.isCommand()) {
            message += ": " + error.lines().findFirst().orElse("");
        }
        long exit = inv.status instanceof IntegerValue i && i.fitsLong() ? i.longValue() : 1;
        terminate(Termination.failedJob(message, error.isEmpty() ? message : error, exit, job.span()));
    }

    /** A run-time error: located where it happened, or at the expression or job being evaluated. */
    void raise(JobflowError e) {
        terminate(Termination.error(e.code(), e.getMessage(), e.span() != null ? e.span() : machine.currentSpan()));
    }

    /** Unwinds to the nearest frame that catches {@code t}, or ends the process ABORTED (§10.3). */
    void terminate(Termination t) {
        String diagnostic = diagnostic(t.message(), t.span());
        RuntimeFailure failure = failure(t);
        Invocation failing = machine.invocation();
        while (!stack.isEmpty()) {
            Frame f = stack.discardTop(machine);
            if (f == f.invocation.rootFrame) {
                machine.releaseSlot(f.invocation);
            }
            if (f.catches(machine, t, diagnostic)) {
                return;
            }
        }
        machine.console(diagnostic);
        Value error = t.kind() == RuntimeFailure.Kind.FAILED_JOB ? failing.error : StringValue.of(t.errorText());
        machine.finish(IntegerValue.of(t.exitStatus()), failing.result, error, failure);
    }

    /** Returns the run-time diagnostic of D107: location, message and the call stack. */
    String diagnostic(String message, Span span) {
        return new RuntimeFailure(RuntimeFailure.Kind.ERROR, null, here(span), message, callers()).diagnostic();
    }

    /** Returns the failure of a process ended by {@code t}. */
    private RuntimeFailure failure(Termination t) {
        return new RuntimeFailure(t.kind(), t.code(), here(t.span()), t.message(), callers());
    }

    /** Returns the failure of a process terminated from outside at its current job. */
    RuntimeFailure terminated() {
        return new RuntimeFailure(RuntimeFailure.Kind.TERMINATED, null, here(machine.lastJobSpan()), "terminated", callers());
    }

    private RuntimeFailure.Location here(Span span) {
        return location(machine.invocation(), span);
    }

    /** Where each invocation below the current one called the next, innermost first. */
    private List<RuntimeFailure.Location> callers() {
        List<RuntimeFailure.Location> callers = new ArrayList<>();
        for (Invocation i = machine.invocation(); i.caller != null; i = i.caller) {
            callers.add(location(i.caller, i.callSite));
        }
        return callers;
    }

    private static RuntimeFailure.Location location(Invocation inv, Span span) {
        Span s = span == null ? Span.NONE : span;
        return new RuntimeFailure.Location(inv.flow.name(), Math.max(s.line(), 1), Math.max(s.column(), 1));
    }
}
