package dev.kompira.amqp;

import dev.kompira.core.transport.TransferRequest;
import java.time.Duration;
import java.util.List;

/**
 * A {@code put} or {@code get} as it travels from the engine to a job manager, in JSON
 * (docs/jobmanagers.md). A {@code put} carries its files, read on the engine host; the job manager
 * writes them to a private folder of its own and copies them from there to the target with its
 * transport. A {@code get} carries none: the job manager copies from the target to such a folder and
 * sends the files back in its reply.
 *
 * @param id            the idempotency key, as for commands
 * @param target        the target
 * @param direction     which way the files go
 * @param source        for {@code get}, the path on the target (wildcards allowed); for {@code put}, as written, for messages
 * @param destination   for {@code put}, the path on the target; for {@code get}, as written, for messages
 * @param directory     {@code __dir__}, or null
 * @param sudo          {@code __sudo__}
 * @param useCache      {@code __use_cache__}
 * @param timeoutMillis {@code __timeout__} in milliseconds, or null
 * @param executable    create each copy private and executable (a ScriptJob's file)
 * @param files         the files of a {@code put}, in the order they were found; empty for {@code get}
 * @param notAfter      epoch milliseconds after which no job manager may start it, or null
 */
record TransferMessage(String id, RequestMessage.TargetMessage target, TransferRequest.Direction direction, String source,
        String destination, String directory, boolean sudo, boolean useCache, Long timeoutMillis, boolean executable,
        List<FileMessage> files, Long notAfter) implements WorkMessage {

    /** The message for {@code request} with the files of a {@code put}. */
    static TransferMessage of(String id, TransferRequest request, List<FileMessage> files, Long notAfter) {
        return new TransferMessage(id, RequestMessage.TargetMessage.of(request.target()), request.direction(), request.source(),
                request.destination(), request.directory(), request.sudo(), request.useCache(),
                request.timeout() == null ? null : request.timeout().toMillis(), request.executable(), files, notAfter);
    }

    /** The request the job manager hands its transport, with {@code source} and {@code destination} on its own machine where they were on the engine's. */
    TransferRequest toRequest(String source, String destination) {
        return new TransferRequest(target.toTarget(), direction, source, destination, directory, sudo, useCache,
                timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis), executable);
    }
}
