package dev.kompira.core.transport;

import java.util.concurrent.CompletionStage;

/**
 * Runs commands on a target. The engine resolves the control variables into a
 * {@link CommandRequest} in one place; transports never read variables.
 *
 * <p>{@link #execute} must not block the calling thread: it starts the command and completes the
 * returned stage when the command has ended (on a thread of the transport's own, never a carrier
 * thread of the engine). A failure to reach the target completes normally with
 * {@link CommandResult.Unreachable}; the stage completes exceptionally only for bugs. A request
 * refused before anything runs (for example over the 112 KiB limit of D72) may return a stage that
 * is already complete, so callbacks attached to it run on the caller's thread. Commands are composed
 * by {@link CommandLine}, the single home of the rules of D68.
 *
 * <p>The engine cancels the returned stage ({@code toCompletableFuture().cancel(true)}) when the
 * process that waits for it is terminated; the transport then kills the command (language.md §12.4).
 *
 * <p>Implementations are thread-safe: many processes run commands concurrently.
 */
public interface Transport extends AutoCloseable {

    /** Returns whether this transport handles targets of connection type {@code conntype} ({@code local}, {@code ssh}, ...). */
    boolean supports(String conntype);

    /**
     * Starts {@code request} and returns its eventual result.
     *
     * @throws dev.kompira.core.error.JobflowError {@code R-CONTROL} when the control variables
     *         contradict each other ({@link CommandLine#checkControl}); this is a run-time error of
     *         the job, not a failed command
     */
    CompletionStage<CommandResult> execute(CommandRequest request);

    /**
     * Starts copying files as {@code request} says ({@code put}/{@code get}, builtins.md §3) and
     * returns how it ended; like {@link #execute}, it must not block the calling thread. A transport
     * that cannot copy files answers {@link TransferResult.Failed}.
     */
    default CompletionStage<TransferResult> transfer(TransferRequest request) {
        return java.util.concurrent.CompletableFuture.completedFuture(new TransferResult.Failed(request.job()
                + ": connection type '" + request.target().conntype() + "' cannot copy files"));
    }

    /**
     * Opens an interactive session (language.md §9.9) whose output goes to {@code output}; completes
     * with the session, or with the reason it could not be opened. Must not block the calling thread.
     */
    default CompletionStage<SessionOpening> openSession(SessionRequest request, InteractiveSession.Output output) {
        return java.util.concurrent.CompletableFuture.completedFuture(new SessionOpening.Refused(
                "connection type '" + request.target().conntype() + "' cannot open sessions"));
    }

    /**
     * Drops what the transport keeps for {@code target}, such as cached connections, which a reboot
     * has made useless. The default keeps nothing and does nothing.
     */
    default void forget(Target target) {
    }

    /** Kills running commands and releases connections and threads. */
    @Override
    void close();
}
