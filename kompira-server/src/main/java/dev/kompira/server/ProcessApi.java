package dev.kompira.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.diag.Diagnostic;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The process routes: start, list, show, console, suspend, resume, terminate. Thread-safe. */
final class ProcessApi {

    /** How long {@code POST /api/v1/processes?wait=true} waits for the process to end before it answers anyway. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Kompira engine;
    private final ProcessViews views;
    private final ConsoleFollowers followers;
    /** The processes kept from before, or null. */
    private final ProcessHistory history;

    ProcessApi(Kompira engine, ProcessViews views, ConsoleFollowers followers, ProcessHistory history) {
        this.engine = engine;
        this.views = views;
        this.followers = followers;
        this.history = history;
    }

    /**
     * {@code POST /api/v1/processes}: starts the Jobflow object {@code path} with {@code parameters};
     * with {@code wait=true}, answers once the process has ended, or after {@link #WAIT} as it is then.
     */
    void start(Context ctx) {
        String wait = ctx.queryParam("wait");
        if (wait != null && !wait.equals("true") && !wait.equals("false")) {
            throw ApiException.badRequest("wait must be true or false, got '" + wait + "'");
        }
        JsonNode body = Http.jsonBody(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object: {\"path\": \"/flows/x\", \"parameters\": {...}}");
        }
        JsonNode path = body.get("path");
        if (path == null || !path.isTextual() || !path.textValue().startsWith("/")) {
            throw ApiException.badRequest("\"path\" must be the absolute path of a Jobflow object, such as \"/flows/deploy\"");
        }
        JsonNode checkpoint = body.path("checkpoint");
        if (!checkpoint.isMissingNode() && !checkpoint.isBoolean()) {
            throw ApiException.badRequest("\"checkpoint\" must be true or false");
        }
        Map<String, Value> parameters = parameters(body.get("parameters"));
        String jobflow = path.textValue();
        boolean isJobflow = engine.tree().get(jobflow).map(o -> engine.tree().typeName(o).equals("Jobflow")).orElse(false);
        if (!isJobflow) {
            throw ApiException.notFound("no Jobflow object at " + jobflow);
        }
        JobflowProcess p;
        try {
            p = engine.start(jobflow, parameters, StartOptions.DEFAULT.withCheckpointMode(checkpoint.asBoolean(false)));
        } catch (FlowCompileException e) {
            throw new ApiException(422, "does_not_compile", jobflow + " does not compile", diagnostics(e));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        views.startedBy(p, KompiraServer.token(ctx).name());
        if (history != null) {
            history.changed(p);     // its record names the invoker, so that a resumed process keeps it
        }
        ctx.header("Location", "/api/v1/processes/" + p.pid());
        if ("true".equals(wait)) {
            // no request thread waits: Jetty answers when the process ends, or when the wait is over
            ctx.future(() -> p.completion().handle((outcome, failure) -> p)
                    .completeOnTimeout(p, WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenAccept(ended -> Http.send(ctx, 201, views.view(ended))));
            return;
        }
        Http.send(ctx, 201, views.view(p));
    }

    private static Map<String, Value> parameters(JsonNode given) {
        Map<String, Value> parameters = new LinkedHashMap<>();
        if (given == null || given.isNull()) {
            return parameters;
        }
        if (!given.isObject()) {
            throw ApiException.badRequest("\"parameters\" must be a JSON object of parameter values by name");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            try {
                parameters.put(f.getKey(), ApiValues.decode(f.getValue()));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "bad_parameter", "parameter " + f.getKey() + ": " + e.getMessage());
            }
        }
        return parameters;
    }

    private static ObjectNode diagnostics(FlowCompileException e) {
        ObjectNode details = Http.JSON.createObjectNode();
        ArrayNode list = details.putArray("diagnostics");
        for (Diagnostic d : e.diagnostics()) {
            list.addObject().put("severity", d.severity().name().toLowerCase(Locale.ROOT)).put("code", String.valueOf(d.code()))
                    .put("source", d.source()).put("line", d.line()).put("column", d.column()).put("message", d.message());
        }
        details.put("rendered", e.getMessage());
        return details;
    }

    /** {@code GET /api/v1/processes}: the processes that the query parameters select, in pid order. */
    void list(Context ctx) {
        ProcessQuery query = ProcessQuery.all();
        String state = ctx.queryParam("state");
        if (state != null) {
            try {
                query = query.withState(ProcessState.valueOf(state.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknown state '" + state + "': use NEW, READY, RUNNING, WAITING, SUSPENDED, ABORTED or DONE");
            }
        }
        String parent = ctx.queryParam("parent");
        if (parent != null) {
            query = query.withParent(number(parent, "parent"));
        }
        String jobflow = ctx.queryParam("jobflow");
        if (jobflow != null) {
            query = query.withJobflow(jobflow);
        }
        query = query.withStarted(instant(ctx, "started_after"), instant(ctx, "started_before"))
                .withFinished(instant(ctx, "finished_after"), instant(ctx, "finished_before"));
        // the engine's own view of a process wins over its kept record: each pid once, in pid order
        java.util.TreeMap<Long, JsonNode> found = new java.util.TreeMap<>();
        if (history != null) {
            history.list(query).forEach(k -> found.put(k.pid(), k.view()));
        }
        engine.processes(query).forEach(p -> found.put(p.pid(), views.view(p)));
        ObjectNode body = Http.JSON.createObjectNode();
        body.putArray("processes").addAll(found.values());
        Http.send(ctx, 200, body);
    }

    private static Instant instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a UTC time such as 2026-04-01T09:00:00Z, got '" + text + "'");
        }
    }

    private static long number(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a process id, got '" + text + "'");
        }
    }

    /** {@code GET /api/v1/processes/{pid}}. */
    void show(Context ctx) {
        long pid = pid(ctx);
        Optional<JobflowProcess> p = engine.process(pid);
        Http.send(ctx, 200, p.isPresent() ? views.view(p.get()) : kept(pid).view());
    }

    /**
     * {@code GET /api/v1/processes/{pid}/console}: the console text, or with {@code follow=true} a
     * stream of Server-Sent Events until the process ends.
     */
    void console(Context ctx) throws Exception {
        long pid = pid(ctx);
        JobflowProcess p = engine.process(pid).orElse(null);
        String keptConsole = p != null ? null : keptConsole(pid);
        boolean follow = "true".equals(ctx.queryParam("follow"));
        if (!follow) {
            ctx.status(200).contentType("text/plain; charset=utf-8").result(p != null ? p.console() : keptConsole);
            return;
        }
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "not_acceptable", "follow=true answers with Server-Sent Events: send Accept: text/event-stream");
        }
        if (p == null) {
            // a kept process has ended: its whole console and its end at once, as for an engine's ended process
            ObjectNode view = kept(pid).view();
            ObjectNode end = Http.JSON.createObjectNode().put("pid", pid).put("state", view.path("state").asText());
            end.set("exit_status", view.path("exit_status"));
            String consoleEvent = Http.JSON.writeValueAsString(keptConsole);
            String endEvent = Http.JSON.writeValueAsString(end);
            new SseHandler(client -> {
                if (!keptConsole.isEmpty()) {
                    client.sendEvent("console", consoleEvent);
                }
                client.sendEvent("end", endEvent);
                client.close();
            }).handle(ctx);
            return;
        }
        if (!followers.reserve()) {
            ctx.header("Retry-After", "5");
            throw new ApiException(503, "too_many_followers", "too many clients follow consoles now; try again later");
        }
        new SseHandler(client -> followers.follow(p, client)).handle(ctx);
    }

    /** {@code POST /api/v1/processes/{pid}/suspend}. */
    void suspend(Context ctx) {
        JobflowProcess p = process(ctx);
        if (p.state().isFinished() || p.isSuspended()) {
            throw ApiException.conflict("process " + p.pid() + " is " + describe(p) + ": it cannot be suspended");
        }
        p.suspend();
        Http.send(ctx, 200, views.view(p));
    }

    /** {@code POST /api/v1/processes/{pid}/resume}. */
    void resume(Context ctx) {
        JobflowProcess p = process(ctx);
        if (!p.isSuspended() || p.state().isFinished()) {
            throw ApiException.conflict("process " + p.pid() + " is " + describe(p) + ": only a suspended process can be resumed");
        }
        p.resume();
        Http.send(ctx, 200, views.view(p));
    }

    /** {@code POST /api/v1/processes/{pid}/terminate}. */
    void terminate(Context ctx) {
        JobflowProcess p = process(ctx);
        if (p.state().isFinished()) {
            throw ApiException.conflict("process " + p.pid() + " has ended (" + p.state() + "): it cannot be terminated");
        }
        p.terminate();
        Http.send(ctx, 200, views.view(p));
    }

    private static String describe(JobflowProcess p) {
        return p.isSuspended() && !p.state().isFinished() ? "suspended" : p.state().name();
    }

    /** Returns the engine's process the request names; a kept one from before cannot change: 409. */
    private JobflowProcess process(Context ctx) {
        long pid = pid(ctx);
        Optional<JobflowProcess> p = engine.process(pid);
        if (p.isEmpty()) {
            throw ApiException.conflict("process " + pid + " has ended (" + kept(pid).view().path("state").asText()
                    + ", before the server restarted): it cannot be changed");
        }
        return p.get();
    }

    /** Returns the kept record of process {@code pid}, which the engine does not have. */
    private ProcessHistory.Kept kept(long pid) {
        return Optional.ofNullable(history).flatMap(h -> h.find(pid))
                .orElseThrow(() -> ApiException.notFound("no process " + pid));
    }

    /** Returns the console kept for process {@code pid}, which the engine does not have. */
    private String keptConsole(long pid) {
        kept(pid);
        return history.console(pid).orElse("");
    }

    private static long pid(Context ctx) {
        String text = ctx.pathParam("pid");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no process " + text + ": a pid is a number");
        }
    }
}
