package dev.kompira.core.vm;

import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;

/**
 * A {@code try} block (language.md §9.10, D90): runs its body; an abnormal termination inside it
 * (also in called jobflows) or a non-zero completion becomes {@code $STATUS = 1},
 * {@code $RESULT = ''}, {@code $ERROR} = the message, {@code $DEBUG} = the diagnostic.
 */
final class TryFrame extends Frame {

    final CompiledProgram.TryCode code;
    boolean started;

    TryFrame(CompiledProgram.TryCode code, Invocation invocation, Scope scope) {
        super(invocation, scope);
        this.code = code;
    }

    @Override
    void step(Machine machine) {
        if (!started) {
            started = true;
            machine.push(new FlowFrame(code.body(), invocation, scope));
            return;
        }
        machine.pop(this);
        if (invocation.statusSign() != 0) {
            Value status = invocation.status;
            String message = invocation.error instanceof StringValue s && !s.value().isEmpty()
                    ? s.value() : "job failed with status " + dev.kompira.core.value.Rendering.text(status);
            String diagnostic = machine.diagnostic(message, machine.lastJobSpan());
            catchFailure(machine, message, diagnostic);
        }
    }

    @Override
    boolean catches(Machine machine, Termination termination, String diagnostic) {
        catchFailure(machine, termination.errorText(), diagnostic);
        return true;
    }

    /** Records a caught failure in the status variables; the connector after the block does not stop on it. */
    private void catchFailure(Machine machine, String message, String diagnostic) {
        invocation.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(message));
        invocation.debug = StringValue.of(diagnostic);
        machine.markAbsorbed();
    }
}
