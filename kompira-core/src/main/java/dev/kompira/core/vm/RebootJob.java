package dev.kompira.core.vm;

import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.Target;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The remote built-in job {@code reboot(wait=120)} (builtins.md §3, D121): {@code reboot} through
 * sudo, then the host is polled on fresh connections, first until it stops answering and then until
 * a login succeeds, within {@code wait} seconds in all; the host's cached connections are dropped.
 * The process waits parked; the polling runs on the transport's and the JVM's delay threads.
 */
final class RebootJob {

    private static final Signature REBOOT = Signature.parse("reboot(wait=120)");
    /** How often the host is polled. */
    static final Duration POLL = Duration.ofMillis(500);

    private final Transport transport;
    private final CommandRequest probe;
    private final long deadline;
    private final String late;

    private RebootJob(Transport transport, CommandRequest probe, Value wait) {
        this.transport = transport;
        this.probe = probe;
        this.deadline = System.nanoTime() + (long) (Double.parseDouble(Rendering.text(wait)) * 1e9);
        this.late = "reboot: host did not come back within " + Rendering.text(wait) + " seconds";
    }

    /** Starts {@code reboot(args)} on the host the control variables select, and parks the process until it is back. */
    static void run(Machine m, FlowFrame f, Arguments args, Slot[] controls) {
        Value wait = REBOOT.bind(args).get("wait");
        if (!(wait instanceof IntegerValue) && !(wait instanceof FloatValue)) {
            throw new dev.kompira.core.error.JobflowError(dev.kompira.core.error.ErrorCode.R_ARGUMENT,
                    "reboot: wait must be an Integer or a Float, got " + wait.typeName());
        }
        Commands.Controls c = Commands.controls(m, f, controls);
        Target target = c.connection().target();
        if (target.conntype().equals("local")) {
            f.invocation.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of("reboot: a remote host is required"));
            return;
        }
        Transport transport = Commands.transportFor(m, f, c.vars(), target);
        if (transport == null) {
            return;
        }
        CommandRequest reboot = request(target, c.connection().shell(), "reboot", true);
        RebootJob job = new RebootJob(transport, request(target, c.connection().shell(), "true", false), wait);
        Runnable perform = () -> {
            m.echoCommand(reboot);
            m.park(job.start(reboot), (machine, result) -> {
                transport.forget(target);
                if (result instanceof CommandResult.Completed done) {
                    f.invocation.setOutcome(StringValue.EMPTY, IntegerValue.of(done.exitStatus()),
                            StringValue.of(done.exitStatus() == 0 ? "" : new String(done.stderr(), StandardCharsets.UTF_8).strip()));
                } else {
                    Commands.unreachable(f.invocation, ((CommandResult.Unreachable) result).reason());
                }
            });
        };
        if (m.isStepMode()) {
            m.step("reboot() on " + target, perform);
        } else {
            perform.run();
        }
    }

    /** The reboot itself (through sudo, on a cached connection), or a probe (on a fresh connection each time). */
    private static CommandRequest request(Target target, String shell, String command, boolean reboot) {
        return new CommandRequest(target, command, true, shell, null, reboot, false, reboot, new byte[0],
                reboot ? null : POLL.multipliedBy(10), StandardCharsets.UTF_8);
    }

    /**
     * Issues the reboot; a command that ends the connection counts as issued. Completes with the
     * failed reboot command, with success once the host is back, or with the time-out as unreachable.
     */
    private CompletionStage<CommandResult> start(CommandRequest reboot) {
        return transport.execute(reboot).thenCompose(issued -> {
            if (issued instanceof CommandResult.Completed done && done.exitStatus() != 0) {
                return CompletableFuture.completedFuture(issued);
            }
            return poll(true);
        });
    }

    /** Polls until the host stops answering ({@code down}), then until it answers again. */
    private CompletionStage<CommandResult> poll(boolean waitingForDown) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(new CommandResult.Unreachable(late));
        }
        return transport.execute(probe).thenCompose(answer -> {
            boolean answers = answer instanceof CommandResult.Completed;
            if (!waitingForDown && answers) {
                return CompletableFuture.completedFuture(new CommandResult.Completed(0, new byte[0], new byte[0]));
            }
            boolean stillWaitingForDown = waitingForDown && answers;
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS)).thenCompose(x -> poll(stillWaitingForDown));
        });
    }
}
