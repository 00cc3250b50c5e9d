package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.Kompira;
import dev.kompira.server.ProcessHistory;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kompira serve} as a process of its own, stopped by SIGTERM and killed by SIGKILL, then
 * started again on the same store.
 */
class ServeRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("serving http://[^ ]+:(\\d+)/api/v1");
    private static final String REACT = "print('waiting for an alert') -> </alerts> -> [m = $RESULT] -> "
            + "print('alert from ' + m.host) -> return(m)";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void killServers() throws InterruptedException {
        for (Process p : servers) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A kompira serve process, the port it took and what it wrote on standard error. */
    private record Server(Process process, int port, StringBuffer err) {
    }

    private int run(String... args) {
        StringWriter err = new StringWriter();
        int status = KompiraCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, status, err.toString());
        return status;
    }

    private Path store() {
        Path repository = dir.resolve("repo");
        run("init", "--store", repository.toString());
        try (GitStore git = GitStore.open(repository, GitStoreOptions.defaults());
                Kompira engine = Kompira.builder().store(git).build()) {
            engine.objects().create("/alerts", "Channel", Map.of());
            engine.objects().createJobflow("/react", REACT);
            engine.objects().createJobflow("/slow", "print('sleeping') -> ['sleep 2'] -> print('slept') -> ['echo after']");
        }
        return repository;
    }

    private String token(Path repository) throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("token", "create", "--store", repository.toString(), "--role", "operator", "--name", "ops"));
        return out.toString().trim();
    }

    /** Starts kompira serve in a JVM of its own, on the test's class path, and waits until it serves. */
    private Server serve(Path repository, String... options) throws Exception {
        List<String> command = new ArrayList<>(java(List.of("serve", "--store", repository.toString(),
                "--listen", "127.0.0.1:0", "--shutdown-timeout", "20")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        servers.add(p);
        StringBuffer err = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    err.append(line).append('\n');
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new AssertionError("kompira serve ended without serving: " + err));
        }, "serve-stderr");
        reader.setDaemon(true);
        reader.start();
        return new Server(p, port.get(60, TimeUnit.SECONDS), err);
    }

    /** The command line of {@code kompira ARGS} in a JVM of its own, on the test's class path. */
    private static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return command;
    }

    private HttpResponse<String> call(Server s, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(Server s, String path, String token, String body) throws Exception {
        HttpResponse<String> r = call(s, path, token, body);
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private long start(Server s, String token, String body) throws Exception {
        return json(s, "/api/v1/processes", token, body).get("pid").asLong();
    }

    private String state(Server s, String token, long pid) throws Exception {
        return json(s, "/api/v1/processes/" + pid, token, null).get("state").asText();
    }

    private String console(Server s, String token, long pid) throws Exception {
        return call(s, "/api/v1/processes/" + pid + "/console", token, null).body();
    }

    private static void waitFor(BooleanSupplierWithException condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }

    /** A condition that may call the server. */
    @FunctionalInterface
    private interface BooleanSupplierWithException {
        boolean getAsBoolean() throws Exception;
    }

    private static boolean saved(Path repository, long pid) throws IOException {
        try (Stream<Path> files = Files.walk(repository.resolve(".git/kompira/checkpoints"))) {
            return files.anyMatch(f -> f.getFileName().toString().equals("process-" + pid + ".json"));
        }
    }

    @Test
    void aCheckpointedFlowWaitingOnAChannelSurvivesASigkillAndEndsAsAnUninterruptedRunDoes() throws Exception {
        Path repository = store();
        String token = token(repository);
        Server first = serve(repository);
        long uninterrupted = start(first, token, "{\"path\": \"/react\"}");
        waitFor(() -> state(first, token, uninterrupted).equals("WAITING"));
        json(first, "/api/v1/channels/alerts/messages", token, "{\"host\": \"web01\"}");
        waitFor(() -> state(first, token, uninterrupted).equals("DONE"));
        String expected = console(first, token, uninterrupted);
        assertEquals("waiting for an alert\nalert from web01\n", expected);

        long pid = start(first, token, "{\"path\": \"/react\", \"checkpoint\": true}");
        waitFor(() -> state(first, token, pid).equals("WAITING") && saved(repository, pid));
        first.process().destroyForcibly();
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));

        Server second = serve(repository);
        JsonNode resumed = json(second, "/api/v1/processes/" + pid, token, null);
        assertEquals("WAITING", resumed.get("state").asText(), resumed.toString());
        assertEquals("ops", resumed.get("invoker").asText(), "the invoker is kept with the record");
        Path tokenFile = Files.writeString(dir.resolve("token"), token);
        run("send-event", "--server", "http://127.0.0.1:" + second.port(), "--token-file", tokenFile.toString(),
                "--channel", "/alerts", "--json", "{\"host\": \"web01\"}");
        waitFor(() -> state(second, token, pid).equals("DONE"));
        assertEquals(expected, console(second, token, pid), "the console of an uninterrupted run");
        JsonNode done = json(second, "/api/v1/processes/" + pid, token, null);
        assertEquals("web01", done.get("result").get("host").asText());
        assertEquals("DONE", state(second, token, uninterrupted), "the process that ended before the kill is kept");
    }

    @Test
    void sigtermLetsTheCommandUnderWayFinishStartsNoOtherAndExitsZero() throws Exception {
        Path repository = store();
        String token = token(repository);
        Server first = serve(repository);
        long slow = start(first, token, "{\"path\": \"/slow\"}");
        long waiting = start(first, token, "{\"path\": \"/react\", \"checkpoint\": true}");
        waitFor(() -> console(first, token, slow).equals("sleeping\n") && saved(repository, waiting));
        Thread.sleep(300);      // sleep 2 is under way
        long signalled = System.nanoTime();
        first.process().destroy();
        waitFor(() -> {
            try {
                call(first, "/api/v1/health", token, null);
                return false;
            } catch (IOException notServed) {
                // refused, or a kept-alive connection closed under the request: either way not taken
                return true;
            }
        });
        assertTrue(first.process().isAlive(), "no new request is taken while sleep 2 finishes");
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), first.err().toString());
        assertEquals(0, first.process().exitValue(), first.err().toString());
        assertTrue(System.nanoTime() - signalled > TimeUnit.MILLISECONDS.toNanos(1000), "it waited for sleep 2");

        Server second = serve(repository);
        JsonNode stopped = json(second, "/api/v1/processes/" + slow, token, null);
        assertEquals("ABORTED", stopped.get("state").asText(), stopped.toString());
        assertEquals(ProcessHistory.STOPPED, stopped.get("error").asText());
        assertEquals("sleeping\nslept\n", console(second, token, slow), "the command finished; the next one never ran");
        assertEquals("WAITING", state(second, token, waiting), "the checkpointed process resumes");
        json(second, "/api/v1/channels/alerts/messages", token, "{\"host\": \"db01\"}");
        waitFor(() -> state(second, token, waiting).equals("DONE"));
        assertEquals("waiting for an alert\nalert from db01\n", console(second, token, waiting));
    }

    @Test
    void theServerLogsToARotatedFileUnderTheStoreAndNeverATokenWhileKompiraRunLogsNothing() throws Exception {
        Path repository = store();
        String token = token(repository);
        Server server = serve(repository, "--log-level", "DEBUG");
        Path log = repository.resolve(".git/kompira/logs/serve.log");
        assertTrue(server.err().toString().contains("kompira: logging to " + log), server.err().toString());
        assertEquals(200, call(server, "/api/v1/health", token, null).statusCode());
        String forged = "kmp_" + "A".repeat(43);
        assertEquals(401, call(server, "/api/v1/processes", forged, null).statusCode());
        long pid = start(server, token, "{\"path\": \"/react\"}");
        server.process().destroy();
        assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));

        String logged = Files.readString(log);
        assertTrue(logged.contains("GET /api/v1/health 200 ops"), logged);
        assertTrue(logged.contains("POST /api/v1/processes 201 ops"), logged);
        assertFalse(logged.lines().anyMatch(l -> l.matches(".* DEBUG +\\[[^]]*] (o\\.e\\.j|org\\.eclipse\\.jetty|io\\.javalin).*")),
                "Jetty's DEBUG lines show request headers: " + logged);
        assertFalse(logged.contains(token.substring(4)), "the token is never logged");
        assertFalse(logged.contains(forged.substring(4)), "nor a forged one");
        assertTrue(pid > 0);

        Path flow = Files.writeString(dir.resolve("hello.kjf"), "print('hi')\n");
        Process run = new ProcessBuilder(java(List.of("run", flow.toString()))).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals("hi\n", out);
        assertEquals("", err, "kompira run writes no log line");
    }
}
