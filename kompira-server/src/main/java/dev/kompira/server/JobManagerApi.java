package dev.kompira.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.transport.JobManagerStatus;
import dev.kompira.core.transport.RealmTransport;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The job managers route: who answers the engine's job manager transport when asked, as {@code
 * kompira jobmanager list} shows them. An engine without job managers has no such list: 404
 * {@code no_job_managers} (J227). Thread-safe.
 */
final class JobManagerApi {

    /** How long the job managers are given to answer, as {@code kompira jobmanager list} gives them by default. */
    static final Duration WAIT = Duration.ofSeconds(1);

    /** Null when the engine sends no work to job managers. */
    private final RealmTransport jobManagers;

    JobManagerApi(RealmTransport jobManagers) {
        this.jobManagers = jobManagers;
    }

    /** {@code GET /api/v1/jobmanagers}. */
    void list(Context ctx) throws InterruptedException {
        Optional<List<JobManagerStatus>> found;
        try {
            found = jobManagers == null ? Optional.empty() : jobManagers.jobManagers(WAIT);
        } catch (IOException e) {
            throw new ApiException(503, "broker_unavailable", "cannot ask the job managers: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new ApiException(404, "no_job_managers", "this engine sends no work to job managers: "
                    + "start kompira serve with --amqp URI (docs/jobmanagers.md)");
        }
        ObjectNode body = Http.JSON.createObjectNode();
        ArrayNode list = body.putArray("job_managers");
        for (JobManagerStatus j : found.get()) {
            list.addObject().put("name", j.name()).put("realm", j.realm()).put("host", j.host())
                    .put("running", j.running()).put("concurrency", j.concurrency());
        }
        Http.send(ctx, 200, body);
    }
}
