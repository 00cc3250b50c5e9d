package dev.kompira.core.vm;

import dev.kompira.core.event.SessionChannel;
import dev.kompira.core.transport.SessionOpening;
import dev.kompira.core.transport.SessionRequest;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;

/**
 * A {@code session} block (language.md §9.9, D87–D89): opens the session (the process waits
 * parked), runs the body with the block's variable bound to the {@link SessionChannel}, and closes
 * the session however the block ends — its last job, {@code break} (which ends the block normally),
 * a {@code continue}, {@code return}, {@code exit} or {@code self()} crossing it, an abnormal end or
 * termination. A session that cannot be opened skips the body: {@code $STATUS = -1}.
 */
final class SessionFrame extends Frame {

    private enum Phase { NEW, OPENING, RUNNING }

    private final CompiledProgram.FlowCode body;
    private final Transport transport;
    private final SessionRequest request;
    private final SessionChannel channel;
    private Phase phase = Phase.NEW;
    private String refused;
    private boolean closed;

    SessionFrame(CompiledProgram.FlowCode body, Invocation invocation, Scope scope, Transport transport, SessionRequest request,
            SessionChannel channel) {
        super(invocation, scope);
        this.body = body;
        this.transport = transport;
        this.request = request;
        this.channel = channel;
    }

    @Override
    void step(Machine machine) {
        switch (phase) {
            case NEW -> {
                phase = Phase.OPENING;
                Runnable open = () -> machine.park(transport.openSession(request, channel.output()), (m, opening) -> {
                    if (opening instanceof SessionOpening.Opened opened) {
                        channel.attach(opened.session());
                    } else {
                        refused = ((SessionOpening.Refused) opening).reason();
                    }
                });
                if (machine.isStepMode()) {
                    machine.step("session on " + request.target(), open);
                } else {
                    open.run();
                }
            }
            case OPENING -> {
                if (refused != null) {
                    machine.pop(this);
                    machine.sessionEnded();
                    Commands.unreachable(invocation, refused);
                    return;
                }
                phase = Phase.RUNNING;
                Scope inner = new Scope(1, scope);
                inner.slots[0] = channel;
                machine.push(new FlowFrame(body, invocation, inner));
            }
            case RUNNING -> {
                machine.pop(this);
                end(machine);
            }
        }
    }

    /** Closes the session and sets the block's outcome (§9.9: the channel, status 0). */
    private void end(Machine machine) {
        if (closed) {
            return;
        }
        closed = true;
        channel.close();
        machine.sessionEnded();
        invocation.setOutcome(channel, IntegerValue.ZERO, StringValue.EMPTY);
    }

    @Override
    boolean isLoop() {
        return true;
    }

    @Override
    boolean isContinueTarget() {
        return false;
    }

    @Override
    void discarded(Machine machine) {
        end(machine);
    }
}
