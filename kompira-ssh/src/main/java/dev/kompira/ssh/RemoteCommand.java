package dev.kompira.ssh;

import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One command on one connection: opens a session channel, runs the exec request that
 * {@link CommandLine#ssh} composed, feeds standard input, collects both outputs, and kills the
 * command on timeout or when the waiting process is terminated (the returned stage is cancelled).
 * Runs on a thread of the transport's I/O executor.
 */
final class RemoteCommand {

    private final CommandRequest request;
    private final String exec;
    private final Connections.Connection connection;
    private final ExecutorService io;
    private volatile Session.Command command;
    private volatile boolean timedOut;
    private volatile boolean cancelled;

    RemoteCommand(CommandRequest request, String exec, Connections.Connection connection, ExecutorService io) {
        this.request = request;
        this.exec = exec;
        this.connection = connection;
        this.io = io;
    }

    /** Runs the command to its end and returns how it ended. */
    CommandResult run(ScheduledExecutorService timer, CompletableFuture<CommandResult> stage) throws IOException {
        try (Session session = connection.client.startSession()) {
            if (request.usePty()) {
                session.allocateDefaultPTY();
            }
            command = session.exec(exec);
            stage.whenComplete((r, t) -> {
                if (stage.isCancelled()) {
                    cancelled = true;
                    kill();
                }
            });
            ScheduledFuture<?> deadline = scheduleTimeout(timer);
            try {
                // most commands have no input: end it here rather than on another thread
                Future<?> input = request.stdin().length == 0 && !request.sudo()
                        ? CompletableFuture.completedFuture(feed(command.getOutputStream()))
                        : io.submit(() -> feed(command.getOutputStream()));
                Future<byte[]> errors = io.submit(() -> drain(command.getErrorStream()));
                byte[] out = drain(command.getInputStream());
                command.join();
                byte[] err = await(errors);
                input.cancel(true);
                if (timedOut) {
                    return new CommandResult.TimedOut(request.timeout());
                }
                return ended(out, err);
            } finally {
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
        }
    }

    private ScheduledFuture<?> scheduleTimeout(ScheduledExecutorService timer) {
        if (request.timeout() == null || request.timeout().isZero() || request.timeout().isNegative()) {
            return null;
        }
        return timer.schedule(() -> {
            timedOut = true;
            kill();
        }, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The exit status, or 128 + the signal's number (D70); a channel closed with neither lost its connection. */
    private CommandResult ended(byte[] out, byte[] err) {
        Integer status = command.getExitStatus();
        if (status != null) {
            return new CommandResult.Completed(status, out, err);
        }
        Signal signal = command.getExitSignal();
        if (signal != null) {
            return new CommandResult.Completed(128 + Signals.number(signal), out, err);
        }
        return new CommandResult.Unreachable(cancelled ? "terminated" : "the connection to " + connection.endpoint
                + " was lost while the command ran");
    }

    /** Asks the remote side to kill the command, then closes its channel, which ends it for servers that ignore signals. */
    private void kill() {
        Session.Command running = command;
        if (running == null) {
            return;
        }
        try {
            running.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // closing the channel below is what counts
        }
        try {
            running.close();
        } catch (IOException | RuntimeException ignored) {
            // the channel is gone already
        }
    }

    /**
     * Writes the command's input and ends it. No input is not written at all: sshj refuses even an empty
     * write once the command has ended and the server closed its channel, which a fast command does
     * before this runs; ending the input of a closed channel is a no-op.
     */
    private Void feed(OutputStream stdin) throws IOException {
        byte[] input = CommandLine.standardInput(request);
        try (stdin) {
            if (input.length > 0) {
                stdin.write(input);
            }
        }
        return null;
    }

    private static byte[] drain(InputStream stream) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stream.transferTo(bytes);
        return bytes.toByteArray();
    }

    private static byte[] await(Future<byte[]> output) throws IOException {
        try {
            return output.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading standard error", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
