package dev.kompira.core.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Runs commands at the job managers of realms (objects.md §4.15) rather than on the engine's own
 * machine: the engine picks the realm of each command that names a host or {@code __realm__}, and
 * one of that realm's job managers runs it with its own local or SSH transport. The realm's
 * job managers may live in another network segment; the engine only needs to reach them through
 * this transport (for example over AMQP, module {@code kompira-amqp}).
 *
 * <p>{@link #execute} follows the contract of {@link Transport#execute}: it must not block, a failure
 * completes normally with {@link CommandResult.Unreachable}, and cancelling the returned stage
 * abandons the command. A realm without a job manager leaves the command waiting, up to the
 * request's timeout when it has one.
 *
 * <p>Implementations are thread-safe.
 */
public interface RealmTransport extends AutoCloseable {

    /** Starts {@code request} at a job manager of {@code realm} and returns its eventual result. */
    CompletionStage<CommandResult> execute(String realm, CommandRequest request);

    /**
     * Starts the {@code put} or {@code get} of {@code request} at a job manager of {@code realm}:
     * files go between the engine host and the job manager inside the messages, and between the job
     * manager and the target with its own transport. Follows the contract of
     * {@link Transport#transfer}; the default cannot copy.
     */
    default CompletionStage<TransferResult> transfer(String realm, TransferRequest request) {
        return java.util.concurrent.CompletableFuture.completedFuture(new TransferResult.Failed(request.job()
                + ": the job managers of realm '" + realm + "' cannot copy files"));
    }

    /**
     * Returns what this transport has done and waits for, per realm, as it is now, for metrics; the
     * default, for a transport that does not count, is empty. Cheap enough to call at every scrape.
     */
    default Optional<RealmTransportStats> stats() {
        return Optional.empty();
    }

    /**
     * Asks the job managers this transport reaches who they are and returns those that answer within
     * {@code wait}, by realm and name; empty when the transport cannot ask (the default).
     *
     * @throws IOException if the job managers cannot be asked now (no connection to their broker)
     */
    default Optional<List<JobManagerStatus>> jobManagers(Duration wait) throws IOException, InterruptedException {
        return Optional.empty();
    }

    /** Gives up waiting for results and releases connections and threads. */
    @Override
    void close();
}
