package dev.kompira.core.vm;

import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import dev.kompira.core.transport.Transport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A ScriptJob on a remote target (objects.md §4.5, D74): the script is copied to a private file in
 * the target's {@code /tmp} (created with mode 0700 before any of it is written), run there with its
 * arguments and standard input, and removed afterwards whatever happened, before the job ends. A copy that fails
 * ends the job as an unreachable target would ({@code $STATUS = -1}).
 */
final class RemoteScript {

    private RemoteScript() {
    }

    /**
     * Starts the script {@code file} for {@code request} (whose command holds the quoted arguments);
     * returns the command's result. Cancelling the returned stage kills the running script.
     */
    static CompletionStage<CommandResult> run(Transport transport, ScriptFile file, CommandRequest request) {
        String remote = remotePath(file);
        TransferRequest copy = new TransferRequest(request.target(), TransferRequest.Direction.PUT, file.path().toString(), remote,
                null, false, request.useCache(), request.timeout(), true);
        CommandRequest toRun = command(file, request);
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        transport.transfer(copy).whenComplete((copied, failure) -> {
            file.delete();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (!(copied instanceof TransferResult.Done)) {
                result.complete(new CommandResult.Unreachable("cannot copy the script to " + request.target() + ": " + reason(copied)));
            } else if (!result.isCancelled()) {
                CompletableFuture<CommandResult> running = transport.execute(toRun).toCompletableFuture();
                result.whenComplete((r, t) -> {
                    if (result.isCancelled()) {
                        running.cancel(true);
                    }
                });
                // the job ends once the copy is gone, so that nothing is left behind when the engine closes next
                running.whenComplete((ran, error) -> transport.execute(withCommand(request, "rm -f " + CommandLine.quote(remote), new byte[0]))
                        .whenComplete((removed, ignored) -> {
                            if (error != null) {
                                result.completeExceptionally(error);
                            } else {
                                result.complete(ran);
                            }
                        }));
            }
        });
        return result;
    }

    /** The command that runs the copied script with the arguments of {@code request}. */
    static CommandRequest command(ScriptFile file, CommandRequest request) {
        return withCommand(request, CommandLine.quote(remotePath(file)) + request.command(), request.stdin());
    }

    /**
     * The copy's path: the local file's random name with another prefix, so that a target that is the
     * engine host itself (an sshd on loopback) does not copy the file onto itself.
     */
    private static String remotePath(ScriptFile file) {
        return "/tmp/kompira-remote-" + file.path().getFileName();
    }

    private static String reason(TransferResult result) {
        return result instanceof TransferResult.Unreachable u ? u.reason() : ((TransferResult.Failed) result).reason();
    }

    private static CommandRequest withCommand(CommandRequest r, String command, byte[] stdin) {
        return new CommandRequest(r.target(), command, r.useShell(), r.shell(), r.directory(), r.sudo(), r.usePty(), r.useCache(),
                stdin, r.timeout(), r.encoding());
    }
}
