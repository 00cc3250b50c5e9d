package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.IntegerValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerApiTest {

    @TempDir
    Path dir;

    ServerFixture f;
    ApiClient api;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir, KompiraServer.builder().maxBodyBytes(64 * 1024));
        api = f.client;
        f.engine.objects().createDirectory("/flows");
        f.engine.objects().create("/box", "Channel", Map.of());
        f.engine.objects().createJobflow("/flows/waiter",
                "print('waiting') -> </box> -> [m = $RESULT] -> print(m) -> return(m)");
        f.engine.objects().createJobflow("/flows/add", "| a = 1 |\n| b = 2 |\nreturn(a + b)");
        f.engine.objects().createJobflowDraft("/flows/broken", "print('x' ->");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonNode startFlow(String body) throws Exception {
        HttpResponse<String> r = api.postJson("/api/v1/processes", f.operator(), body);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode p = ApiClient.json(r);
        assertEquals("/api/v1/processes/" + p.get("pid").asLong(), r.headers().firstValue("Location").orElseThrow());
        return p;
    }

    private JobflowProcess process(JsonNode view) {
        return f.engine.process(view.get("pid").asLong()).orElseThrow();
    }

    @Test
    void aFlowWaitingOnAChannelEndsWithTheMessageSentThroughTheApi() throws Exception {
        JsonNode started = startFlow("{\"path\": \"/flows/waiter\"}");
        assertEquals("/flows/waiter", started.get("jobflow").asText());
        assertEquals("operator", started.get("invoker").asText(), "the token that started it");
        JobflowProcess p = process(started);
        waitFor(() -> p.state() == ProcessState.WAITING);

        HttpResponse<String> sent = api.postJson("/api/v1/channels/box/messages", f.operator(), "{\"host\": \"web01\", \"level\": 3}");
        assertEquals(202, sent.statusCode(), sent.body());
        assertEquals("/box", ApiClient.json(sent).get("path").asText());
        p.await(Duration.ofSeconds(10));

        JsonNode shown = ApiClient.json(api.get("/api/v1/processes/" + p.pid(), f.viewer()));
        assertEquals("DONE", shown.get("state").asText());
        assertEquals(0, shown.get("exit_status").asInt());
        assertEquals(ApiClient.JSON.readTree("{\"host\": \"web01\", \"level\": 3}"), shown.get("result"), "$RESULT as JSON");
        assertTrue(Instant.parse(shown.get("finished").asText()).compareTo(Instant.parse(shown.get("started").asText())) >= 0);

        HttpResponse<String> console = api.get("/api/v1/processes/" + p.pid() + "/console", f.viewer());
        assertEquals(200, console.statusCode());
        assertTrue(console.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertEquals(p.console(), console.body());
        assertTrue(console.body().startsWith("waiting\n"), console.body());
    }

    @Test
    void manyClientsStartFlowsAtOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(api.http().sendAsync(api.request("/api/v1/processes", f.operator())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/flows/add\", \"parameters\": {\"a\": " + i + "}}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<Long> pids = new HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> r = answers.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(201, r.statusCode(), r.body());
            JobflowProcess p = process(ApiClient.json(r));
            pids.add(p.pid());
            assertEquals(i + 2L, ((IntegerValue) p.await(Duration.ofSeconds(10)).result()).longValue());
        }
        assertEquals(100, pids.size(), "one process each");
    }

    @Test
    void parametersArriveAsJobflowValues() throws Exception {
        JsonNode started = startFlow("{\"path\": \"/flows/add\", \"parameters\": {\"a\": 40}}");
        process(started).await(Duration.ofSeconds(10));
        assertEquals(42, ApiClient.json(api.get("/api/v1/processes/" + started.get("pid").asLong(), f.viewer()))
                .get("result").asInt());
    }

    @Test
    void withWaitTheStartAnswersOnceTheProcessHasEnded() throws Exception {
        HttpResponse<String> r = api.postJson("/api/v1/processes?wait=true", f.operator(),
                "{\"path\": \"/flows/add\", \"parameters\": {\"a\": 40}}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode done = ApiClient.json(r);
        assertEquals("DONE", done.get("state").asText(), r.body());
        assertEquals(42, done.get("result").asInt());
        assertEquals(0, done.get("exit_status").asInt());

        HttpResponse<String> waiting = api.postJson("/api/v1/processes?wait=false", f.operator(), "{\"path\": \"/flows/waiter\"}");
        assertEquals(201, waiting.statusCode(), waiting.body());
        assertError(api.postJson("/api/v1/processes?wait=yes", f.operator(), "{\"path\": \"/flows/add\"}"), 400, "bad_request");
        assertEquals(2, f.engine.processes(dev.kompira.core.process.ProcessQuery.all()).size(), "a refused wait starts nothing");
    }

    @Test
    void textMessagesArriveAsStringsAndCanBePeekedAt() throws Exception {
        assertEquals(202, api.post("/api/v1/channels/box/messages", f.operator(), "text/plain", "PROBLEM: disk full").statusCode());
        assertEquals(202, api.postJson("/api/v1/channels/box/messages", f.operator(), "[1, 2.5, null]").statusCode());
        JsonNode peeked = ApiClient.json(api.get("/api/v1/channels/box/messages", f.viewer()));
        assertEquals(ApiClient.JSON.readTree("[\"PROBLEM: disk full\", [1, 2.5, null]]"), peeked.get("messages"));
        JsonNode again = ApiClient.json(api.get("/api/v1/channels/box/messages", f.viewer()));
        assertEquals(2, again.get("messages").size(), "peeking leaves them queued");
    }

    @Test
    void channelsThatDoNotExistOrAreNotChannelsAre404() throws Exception {
        HttpResponse<String> missing = api.post("/api/v1/channels/nowhere/messages", f.operator(), "text/plain", "x");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", ApiClient.json(missing).get("error").asText());
        HttpResponse<String> notChannel = api.get("/api/v1/channels/flows/add/messages", f.viewer());
        assertEquals(404, notChannel.statusCode());
        assertTrue(ApiClient.json(notChannel).get("message").asText().contains("not a Channel"));
    }

    @Test
    void anEngineWithoutJobManagersHasNoListOfThem() throws Exception {
        HttpResponse<String> none = api.get("/api/v1/jobmanagers", f.viewer());
        assertError(none, 404, "no_job_managers");
        assertTrue(none.body().contains("start kompira serve with --amqp URI"), none.body());
    }

    @Test
    void startRefusalsSayWhatIsWrong() throws Exception {
        assertError(api.postJson("/api/v1/processes", f.operator(), "{\"path\": "), 400, "bad_json");
        assertError(api.postJson("/api/v1/processes", f.operator(), "[1]"), 400, "bad_request");
        assertError(api.postJson("/api/v1/processes", f.operator(), "{\"path\": 3}"), 400, "bad_request");
        assertError(api.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/flows/add\", \"parameters\": [1]}"),
                400, "bad_request");
        assertError(api.postJson("/api/v1/processes", f.operator(),
                "{\"path\": \"/flows/add\", \"parameters\": {\"a\": {\"$nonsense\": 1}}}"), 400, "bad_parameter");
        assertError(api.postJson("/api/v1/processes", f.operator(),
                "{\"path\": \"/flows/add\", \"parameters\": {\"a\": {\"$ref\": \"/box\"}}}"), 400, "bad_parameter");
        assertError(api.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/flows/add\", \"checkpoint\": \"yes\"}"),
                400, "bad_request");
        assertError(api.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/flows/add\", \"checkpoint\": true}"),
                400, "bad_request");
        assertError(api.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/flows/none\"}"), 404, "not_found");
        assertError(api.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/box\"}"), 404, "not_found");
        HttpResponse<String> broken = api.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/flows/broken\"}");
        JsonNode error = assertError(broken, 422, "does_not_compile");
        JsonNode diagnostic = error.get("diagnostics").get(0);
        assertEquals(1, diagnostic.get("line").asInt());
        assertEquals("error", diagnostic.get("severity").asText());
        assertFalse(diagnostic.get("message").asText().isEmpty());
        assertTrue(f.engine.processes(ProcessQuery.all()).isEmpty(), "nothing started");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/channels/box/messages", f.operator(), "text/plain", "x".repeat(70 * 1024));
        assertError(r, 413, "too_large");
        assertTrue(f.engine.objects().exists("/box"));
        assertEquals(0, ApiClient.json(api.get("/api/v1/channels/box/messages", f.viewer())).get("messages").size());
    }

    @Test
    void clientsThatStallMidRequestHoldUpNobodyElse() throws Exception {
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", f.server.port());
                stalled.add(socket);
                // headers that promise a body, and a body that never comes
                socket.getOutputStream().write(("POST /api/v1/channels/box/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + f.operator() + "\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 1000\r\n\r\nfirst bytes").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(202, api.post("/api/v1/channels/box/messages", f.operator(), "text/plain", "m" + i).statusCode());
            }
            assertEquals(200, api.get("/api/v1/health", f.viewer()).statusCode());
            assertEquals(10, ApiClient.json(api.get("/api/v1/channels/box/messages", f.viewer())).get("messages").size(),
                    "the stalled requests delivered nothing");
        } finally {
            for (java.net.Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void suspendResumeAndTerminateFollowTheProcessState() throws Exception {
        JobflowProcess p = process(startFlow("{\"path\": \"/flows/waiter\"}"));
        waitFor(() -> p.state() == ProcessState.WAITING);
        String base = "/api/v1/processes/" + p.pid();
        assertError(api.post(base + "/resume", f.operator(), null, ""), 409, "conflict");
        HttpResponse<String> suspended = api.post(base + "/suspend", f.operator(), null, "");
        assertEquals(200, suspended.statusCode(), suspended.body());
        assertTrue(ApiClient.json(suspended).get("suspended").asBoolean());
        assertError(api.post(base + "/suspend", f.operator(), null, ""), 409, "conflict");
        api.post("/api/v1/channels/box/messages", f.operator(), "text/plain", "go");
        waitFor(() -> p.state() == ProcessState.SUSPENDED);
        assertEquals(200, api.post(base + "/resume", f.operator(), null, "").statusCode());
        assertEquals(ProcessState.DONE, p.await(Duration.ofSeconds(10)).state());
        assertError(api.post(base + "/terminate", f.operator(), null, ""), 409, "conflict");

        JobflowProcess other = process(startFlow("{\"path\": \"/flows/waiter\"}"));
        HttpResponse<String> terminated = api.post("/api/v1/processes/" + other.pid() + "/terminate", f.operator(), null, "");
        assertEquals(200, terminated.statusCode());
        assertEquals(ProcessState.ABORTED, other.await(Duration.ofSeconds(10)).state());
        assertError(api.post("/api/v1/processes/999/terminate", f.operator(), null, ""), 404, "not_found");
        assertError(api.get("/api/v1/processes/abc", f.viewer()), 404, "not_found");
    }

    @Test
    void theListTakesTheFiltersOfProcessQuery() throws Exception {
        JobflowProcess done = process(startFlow("{\"path\": \"/flows/add\"}"));
        done.await(Duration.ofSeconds(10));
        JobflowProcess waiting = process(startFlow("{\"path\": \"/flows/waiter\"}"));
        waitFor(() -> waiting.state() == ProcessState.WAITING);
        assertEquals(2, pids("").size());
        assertEquals(List.of(done.pid()), pids("?state=done"));
        assertEquals(List.of(waiting.pid()), pids("?jobflow=/flows/waiter"));
        assertEquals(List.of(done.pid()), pids("?finished_after=2000-01-01T00:00:00Z"));
        assertEquals(List.of(), pids("?started_before=2000-01-01T00:00:00Z"));
        assertEquals(List.of(), pids("?parent=" + done.pid()));
        assertError(api.get("/api/v1/processes?state=sleeping", f.viewer()), 400, "bad_request");
        assertError(api.get("/api/v1/processes?started_after=yesterday", f.viewer()), 400, "bad_request");
        assertError(api.get("/api/v1/processes?parent=x", f.viewer()), 400, "bad_request");
    }

    private List<Long> pids(String query) throws Exception {
        HttpResponse<String> r = api.get("/api/v1/processes" + query, f.viewer());
        assertEquals(200, r.statusCode(), r.body());
        List<Long> pids = new ArrayList<>();
        ApiClient.json(r).get("processes").forEach(p -> pids.add(p.get("pid").asLong()));
        return pids;
    }

    @Test
    void objectsAreReadInTheExportFormatWithoutTheirSecrets() throws Exception {
        f.engine.objects().createDirectory("/ops");
        f.engine.objects().createAccount("/ops/deploy", "ops", "s3cret-pass");
        f.engine.objects().createDirectory("/ops/deep");
        f.engine.objects().createNode("/ops/deep/web01", "web01");
        HttpResponse<String> r = api.get("/api/v1/objects/ops", f.viewer());
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains("s3cret-pass"), "a Password never leaves the server");
        JsonNode listing = ApiClient.json(r);
        List<String> objpaths = new ArrayList<>();
        listing.forEach(e -> objpaths.add(e.get("objpath").asText()));
        assertEquals(List.of("ops", "ops/deep", "ops/deploy"), objpaths.stream().sorted().toList(),
                "the object and its children, not the whole subtree");
        JsonNode account = ApiClient.json(api.get("/api/v1/objects/ops/deploy", f.viewer())).get(0);
        assertEquals("ops", account.get("fields").get("user").asText());
        assertEquals("", account.get("fields").get("password").asText());
        assertEquals("/system/types/AccountInfo", account.get("typepath").asText());
        assertError(api.get("/api/v1/objects/ops/none", f.viewer()), 404, "not_found");
        List<String> top = new ArrayList<>();
        ApiClient.json(api.get("/api/v1/objects", f.viewer())).forEach(e -> top.add(e.get("objpath").asText()));
        assertTrue(top.containsAll(List.of("ops", "flows", "system", "box")), top.toString());
        assertFalse(top.contains("ops/deploy"), top.toString());
    }

    @Test
    void healthOpenapiAndUnknownRoutes() throws Exception {
        JsonNode health = ApiClient.json(api.get("/api/v1/health", f.viewer()));
        assertEquals("ok", health.get("status").asText());
        assertEquals(0, health.get("processes").get("active").asInt());
        HttpResponse<String> openapi = api.get("/api/v1/openapi.json", f.viewer());
        assertEquals("3.0.3", ApiClient.json(openapi).get("openapi").asText());
        assertError(api.get("/api/v1/nothing", f.viewer()), 404, "not_found");
        assertError(api.get("/api/v1/nothing", null), 404, "not_found");
    }

    static JsonNode assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode body = ApiClient.json(r);
        assertEquals(code, body.get("error").asText(), r.body());
        assertFalse(body.get("message").asText().isEmpty());
        return body;
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
