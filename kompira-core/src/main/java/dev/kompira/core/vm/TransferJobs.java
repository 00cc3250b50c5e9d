package dev.kompira.core.vm;

import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The remote built-in jobs {@code put} and {@code get} (builtins.md §3): the control variables
 * select the host as for a command, the transport copies, and the process waits parked. A host that
 * cannot be reached is {@code $STATUS = -1}; any other failure {@code $STATUS = 1}; on success
 * {@code $RESULT} is the Array of paths written.
 */
final class TransferJobs {

    private static final Signature PUT = Signature.parse("put(local_path, remote_path)");
    private static final Signature GET = Signature.parse("get(remote_path, local_path)");

    private TransferJobs() {
    }

    /** Returns whether {@code name} is a transfer job. */
    static boolean isTransfer(String name) {
        return name.equals("put") || name.equals("get");
    }

    /** Starts the transfer {@code name(args)} and parks the process until it has ended. */
    static void run(Machine m, FlowFrame f, String name, Arguments args, Slot[] controls) {
        boolean put = name.equals("put");
        Signature.Bound b = (put ? PUT : GET).bind(args);
        String source = Rendering.text(b.get(put ? "local_path" : "remote_path"));
        String destination = Rendering.text(b.get(put ? "remote_path" : "local_path"));
        Commands.Controls c = Commands.controls(m, f, controls);
        TransferRequest request = new TransferRequest(c.connection().target(),
                put ? TransferRequest.Direction.PUT : TransferRequest.Direction.GET, source, destination,
                Commands.text(c.vars(), "__dir__"), Commands.flag(c.vars(), "__sudo__", false),
                Commands.flag(c.vars(), "__use_cache__", true), Commands.timeout(c.vars().get("__timeout__")), false);
        Transport transport = Commands.transportFor(m, f, c.vars(), request.target());
        if (transport == null) {
            return;
        }
        Value timeout = c.vars().get("__timeout__");
        Runnable perform = () -> m.park(withTimeout(transport.transfer(request), request),
                (machine, result) -> complete(f.invocation, name, result, timeout));
        if (m.isStepMode()) {
            m.step(name + "('" + source + "', '" + destination + "') on " + request.target(), perform);
        } else {
            perform.run();
        }
    }

    /** Ends the job at {@code __timeout__}; completing the transport's stage early tells it to stop copying. */
    private static CompletableFuture<TransferResult> withTimeout(CompletionStage<TransferResult> copying, TransferRequest request) {
        CompletableFuture<TransferResult> stage = copying.toCompletableFuture();
        if (request.timeout() == null) {
            return stage;
        }
        return stage.completeOnTimeout(new TransferResult.TimedOut(request.timeout()), request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void complete(Invocation inv, String name, TransferResult result, Value timeout) {
        if (result instanceof TransferResult.Done done) {
            ArrayValue written = new ArrayValue(done.written().stream().map(p -> (Value) StringValue.of(p)).toList());
            inv.setOutcome(written, IntegerValue.ZERO, StringValue.EMPTY);
        } else if (result instanceof TransferResult.Unreachable u) {
            Commands.unreachable(inv, u.reason());
        } else if (result instanceof TransferResult.TimedOut) {
            Commands.unreachable(inv, name + " timed out after " + Rendering.text(timeout) + " seconds");
        } else {
            inv.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(((TransferResult.Failed) result).reason()));
        }
    }
}
