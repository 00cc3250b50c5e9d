package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.amqp.JobManager;
import dev.kompira.amqp.SharedBroker;
import dev.kompira.core.Kompira;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code kompira serve --amqp}: an engine service whose remote work goes to job managers through a private RabbitMQ BROKER.get(). */
class ServeJobManagersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SharedBroker BROKER = new SharedBroker(3);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A store with the realm {@code lab} and the flow {@code /lab} whose commands go to it. */
    private Path store(String flow) throws Exception {
        Path repository = dir.resolve("repo");
        StringWriter err = new StringWriter();
        assertEquals(0, KompiraCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("init", "--store", repository.toString()), err.toString());
        try (GitStore git = GitStore.open(repository, GitStoreOptions.defaults());
                Kompira engine = Kompira.builder().store(git).build()) {
            assertTrue(engine.start(engine.compile("realms.kjf", "[/config/realms.add: 'lab', /system/types/Realm, "
                    + "{range = ['lab-*']}]"), Map.of()).await().isDone());
            engine.objects().createJobflow("/lab", flow);
        }
        return repository;
    }

    private String token(Path repository, String role) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("token", "create", "--store", repository.toString(), "--role", role), err.toString());
        return out.toString().trim();
    }

    private HttpResponse<String> call(int port, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts {@code /lab} over HTTP and returns its pid. */
    private long startLab(int port, String operator) throws Exception {
        HttpResponse<String> started = call(port, "/api/v1/processes", operator, "{\"path\": \"/lab\"}");
        assertEquals(201, started.statusCode(), started.body());
        return JSON.readTree(started.body()).path("pid").asLong();
    }

    /** Returns the view of process {@code pid} once it is in a state that {@code states} matches. */
    private JsonNode awaitState(int port, String token, long pid, String states) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            view = JSON.readTree(call(port, "/api/v1/processes/" + pid, token, null).body());
            if (view.path("state").asText().matches(states)) {
                return view;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("process " + pid + " did not reach " + states + ": " + view);
    }

    @Test
    void serveSendsTheCommandsOfARealmToItsJobManagerAndTheConsoleShowsTheirOutput() throws Exception {
        String amqp = BROKER.get().newVirtualHost();
        Path repository = store("[__realm__ = 'lab'] -> ['echo hi from the job manager'] -> print($RESULT)");
        String operator = token(repository, "operator");
        ServeCommandTest.Serving serving = ServeCommandTest.serve(repository, "--listen", "127.0.0.1:0",
                "--amqp", amqp, "--reconnect", "5");
        try {
            long pid = startLab(serving.port(), operator);
            // no job manager of realm lab yet: the command waits in the realm's queue
            awaitState(serving.port(), operator, pid, "WAITING");
            Thread.sleep(300);
            awaitState(serving.port(), operator, pid, "WAITING");
            try (JobManager lab = JobManager.start(URI.create(amqp), "lab", 2)) {
                JsonNode view = awaitState(serving.port(), operator, pid, "DONE|ABORTED");
                assertEquals("DONE", view.path("state").asText(), view.toString());
                HttpResponse<String> listed = call(serving.port(), "/api/v1/jobmanagers", operator, null);
                assertEquals(200, listed.statusCode(), listed.body());
                JsonNode managers = JSON.readTree(listed.body()).path("job_managers");
                assertEquals(1, managers.size(), listed.body());
                assertEquals(lab.name(), managers.get(0).path("name").asText());
                assertEquals("lab", managers.get(0).path("realm").asText());
                assertEquals(java.net.InetAddress.getLocalHost().getHostName(), managers.get(0).path("host").asText());
                assertEquals(0, managers.get(0).path("running").asInt());
                assertEquals(2, managers.get(0).path("concurrency").asInt());
            }
            HttpResponse<String> console = call(serving.port(), "/api/v1/processes/" + pid + "/console", operator, null);
            assertEquals("hi from the job manager\n", console.body());
        } finally {
            assertEquals(0, serving.stop(), serving.err().toString());
        }
    }

    @Test
    void theMetricsCountTheCommandsOfEachRealmAndTheBrokerLink() throws Exception {
        String amqp = BROKER.get().newVirtualHost();
        Path repository = store("[__realm__ = 'lab'] -> ['true'] -> ['exit 3'] => ['echo hi']");
        String operator = token(repository, "operator");
        String viewer = token(repository, "viewer");
        ServeCommandTest.Serving serving = ServeCommandTest.serve(repository, "--listen", "127.0.0.1:0", "--amqp", amqp);
        try {
            long pid = startLab(serving.port(), operator);
            awaitState(serving.port(), operator, pid, "WAITING");
            String waiting = metrics(serving.port(), viewer);
            assertEquals(1.0, value(waiting, "kompira_jobmanager_commands_waiting{realm=\"lab\"}"), waiting);
            assertEquals(0.0, value(waiting, "kompira_jobmanager_commands_running{realm=\"lab\"}"), waiting);
            assertEquals(1.0, value(waiting, "kompira_jobmanager_broker_connected"), waiting);
            try (JobManager lab = JobManager.start(URI.create(amqp), "lab", 2)) {
                assertEquals("DONE", awaitState(serving.port(), operator, pid, "DONE|ABORTED").path("state").asText());
            }
            String text = metrics(serving.port(), viewer);
            assertEquals(0.0, value(text, "kompira_jobmanager_commands_waiting{realm=\"lab\"}"), text);
            assertEquals(0.0, value(text, "kompira_jobmanager_commands_running{realm=\"lab\"}"), text);
            assertEquals(3.0, value(text, "kompira_jobmanager_commands_sent_total{realm=\"lab\"}"), text);
            assertEquals(3.0, value(text, "kompira_jobmanager_commands_completed_total{realm=\"lab\"}"), text);
            assertEquals(0.0, value(text, "kompira_jobmanager_commands_lost_total{realm=\"lab\"}"), text);
            assertEquals(0.0, value(text, "kompira_jobmanager_commands_dead_lettered_total{realm=\"lab\"}"), text);
            assertEquals(0.0, value(text, "kompira_jobmanager_broker_reconnections_total"), text);
            assertEquals(1.0, value(text, "kompira_jobmanager_broker_connected"), text);
        } finally {
            assertEquals(0, serving.stop(), serving.err().toString());
        }
    }

    @Test
    void aStopLetsTheCommandAtTheJobManagerFinishAndSendsNoNewOne() throws Exception {
        String amqp = BROKER.get().newVirtualHost();
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path repository = store("[__realm__ = 'lab'] -> ['sleep 2; touch " + first + "'] -> ['touch " + second + "']");
        String operator = token(repository, "operator");
        try (JobManager lab = JobManager.start(URI.create(amqp), "lab", 2)) {
            ServeCommandTest.Serving serving = ServeCommandTest.serve(repository, "--listen", "127.0.0.1:0", "--amqp", amqp);
            startLab(serving.port(), operator);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lab.running() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, lab.running(), "the job manager did not start the command");
            assertEquals(0, serving.stop(), serving.err().toString());
            assertTrue(Files.exists(first), "the command under way at the job manager was not let finish: " + serving.err());
            assertFalse(serving.err().toString().contains("still ran"), serving.err().toString());
            Thread.sleep(500);
            assertFalse(Files.exists(second), "a command was sent after the stop");
        }
    }

    private String metrics(int port, String viewer) throws Exception {
        HttpResponse<String> scraped = call(port, "/metrics", viewer, null);
        assertEquals(200, scraped.statusCode(), scraped.body());
        return scraped.body();
    }

    /** Returns the value of the sample {@code name} (with its labels) in the scrape. */
    private static double value(String scrape, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name) + " (\\S+)$")
                .matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no sample " + name + " in\n" + scrape);
        }
        return Double.parseDouble(m.group(1));
    }
}
