package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kompira token and kompira serve on a real Git store, called over real HTTP. */
class ServeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newHttpClient();

    private int run(String... args) {
        return KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path store() throws Exception {
        Path repository = dir.resolve("repo");
        assertEquals(0, run("init", "--store", repository.toString()), err.toString());
        try (GitStore git = GitStore.open(repository, GitStoreOptions.defaults());
                Kompira engine = Kompira.builder().store(git).build()) {
            engine.objects().create("/alerts", "Channel", Map.of());
            engine.objects().createJobflow("/react", "</alerts> -> [m = $RESULT] -> print('alert from ' + m.host) -> return(m)");
        }
        return repository;
    }

    private String token(Path repository, String role) {
        out.getBuffer().setLength(0);
        assertEquals(0, run("token", "create", "--store", repository.toString(), "--role", role), err.toString());
        return out.toString().trim();
    }

    /** A running kompira serve and the port it took. */
    record Serving(ServeCommand command, CompletableFuture<Integer> exit, int port, StringWriter err) {

        int stop() throws Exception {
            command.stop.complete(null);
            return exit.get(30, TimeUnit.SECONDS);
        }
    }

    static Serving serve(Path repository, String... options) throws Exception {
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = KompiraCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        ServeCommand command = commandLine.getSubcommands().get("serve").getCommand();
        command.environment = Map.of("KOMPIRA_TLS_PASSWORD", "secret");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("serve", "--store", repository.toString()));
        args.addAll(options.length == 0 ? java.util.List.of("--listen", "127.0.0.1:0") : java.util.List.of(options));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args.toArray(String[]::new)));
        Pattern serving = Pattern.compile("serving https?://[^ ]+:(\\d+)/api/v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = serving.matcher(err.toString());
            if (m.find()) {
                return new Serving(command, exit, Integer.parseInt(m.group(1)), err);
            }
            if (exit.isDone()) {
                throw new AssertionError("kompira serve ended with " + exit.get() + ": " + err);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("kompira serve did not start: " + err);
    }

    private HttpResponse<String> call(int port, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokensAreMadeListedAndRevokedAndNeverCommitted() throws Exception {
        Path repository = store();
        String operator = token(repository, "operator");
        assertTrue(operator.startsWith("kmp_"), out.toString());
        assertTrue(err.toString().contains("token 'operator-1' (operator) made; it is shown this once"), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("token", "create", "--store", repository.toString(), "--role", "viewer", "--name", "grafana"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("token", "list", "--store", repository.toString()), err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[1].matches("operator-1 +operator +\\d{4}-.*"), lines[1]);
        assertTrue(lines[2].matches("grafana +viewer +\\d{4}-.*"), lines[2]);
        assertFalse(out.toString().contains(operator.substring(4)));

        String tokens = Files.readString(repository.resolve(".git/kompira/tokens.json"));
        assertFalse(tokens.contains(operator.substring(4)), "only the hash is kept");
        out.getBuffer().setLength(0);
        assertEquals(0, run("log", "--store", repository.toString()), err.toString());
        assertFalse(out.toString().contains("token"), "tokens are no commit of the store: " + out);

        assertEquals(0, run("token", "revoke", "--store", repository.toString(), "grafana"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("token", "revoke", "--store", repository.toString(), "grafana"));
        assertTrue(err.toString().contains("no token named 'grafana'"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("token", "create", "--store", repository.toString(), "--role", "root"));
        assertTrue(err.toString().contains("unknown role 'root'"), err.toString());
    }

    @Test
    void serveRefusesANonLoopbackAddressWithoutInsecureHttp() throws Exception {
        Path repository = store();
        assertEquals(2, run("serve", "--store", repository.toString(), "--listen", "0.0.0.0:0"));
        assertTrue(err.toString().contains("is not a loopback address"), err.toString());
        assertTrue(err.toString().contains("give --tls-keystore FILE.p12 to serve HTTPS, or --insecure-http"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("serve", "--store", repository.toString(), "--listen", "localhost"));
        assertTrue(err.toString().contains("--listen needs HOST:PORT"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("serve", "--store", repository.toString(), "--listen", "127.0.0.1:0", "--rate-limit", "0/s"));
        assertTrue(err.toString().contains("--rate-limit needs requests a second, such as 20/s, got '0/s'"), err.toString());
        assertEquals(2.5, ServeCommand.rate("2.5/s"));
        assertEquals(20, ServeCommand.rate("20"));
        err.getBuffer().setLength(0);
        assertEquals(2, run("serve", "--listen", "127.0.0.1:0"));
        assertTrue(err.toString().contains("kompira serve needs --store DIR"), err.toString());
    }

    @Test
    void aCheckpointedProcessWaitingOnAChannelOutlivesARestartOfTheServer() throws Exception {
        Path repository = store();
        String operator = token(repository, "operator");
        Serving first = serve(repository);
        HttpResponse<String> started = call(first.port(), "POST", "/api/v1/processes", operator,
                "{\"path\": \"/react\", \"checkpoint\": true}");
        assertEquals(201, started.statusCode(), started.body());
        long pid = JSON.readTree(started.body()).get("pid").asLong();
        waitForState(first.port(), operator, pid, "WAITING");
        assertEquals(0, first.stop());
        assertTrue(first.err().toString().contains("stopping"), first.err().toString());

        Serving second = serve(repository);
        try {
            waitForState(second.port(), operator, pid, "WAITING");
            HttpResponse<String> sent = call(second.port(), "POST", "/api/v1/channels/alerts/messages", operator,
                    "{\"host\": \"web01\"}");
            assertEquals(202, sent.statusCode(), sent.body());
            JsonNode done = waitForState(second.port(), operator, pid, "DONE");
            assertEquals(JSON.readTree("{\"host\": \"web01\"}"), done.get("result"));
            HttpResponse<String> console = call(second.port(), "GET", "/api/v1/processes/" + pid + "/console", operator, null);
            assertEquals("alert from web01\n", console.body(), "the console of an uninterrupted run");
        } finally {
            assertEquals(0, second.stop());
        }
    }

    @Test
    void aFlowWaitingOnTheAlertChannelReactsToKompiraSendEvent() throws Exception {
        Path repository = store();
        try (GitStore git = GitStore.open(repository, GitStoreOptions.defaults());
                Kompira engine = Kompira.builder().store(git).build()) {
            engine.objects().createJobflow("/onalert", "</system/channels/Alert> -> [a = $RESULT] ->"
                    + " { case a.message | 'PROBLEM*': print('problem on ' + a.host) else: print('ignored') } ->"
                    + " </system/channels/Alert> -> print('then: ' + $RESULT)");
        }
        String operator = token(repository, "operator");
        String viewer = token(repository, "viewer");
        Path operatorFile = Files.writeString(dir.resolve("operator.token"), operator + "\n");
        Path viewerFile = Files.writeString(dir.resolve("viewer.token"), viewer);
        Serving serving = serve(repository, "--listen", "127.0.0.1:0", "--follow-branch=1", "--rate-limit", "1000/s");
        try {
            String server = "http://127.0.0.1:" + serving.port();
            HttpResponse<String> started = call(serving.port(), "POST", "/api/v1/processes", operator, "{\"path\": \"/onalert\"}");
            long pid = JSON.readTree(started.body()).get("pid").asLong();
            waitForState(serving.port(), operator, pid, "WAITING");

            assertEquals(0, run("send-event", "--server", server, "--token-file", operatorFile.toString(), "--json",
                    "{\"host\": \"web01\", \"message\": \"PROBLEM: disk full\"}"), err.toString());
            err.getBuffer().setLength(0);
            assertEquals(2, run("send-event", "--server", server, "--token-file", viewerFile.toString(), "recovered"));
            assertTrue(err.toString().contains("the server refused (403)"), err.toString());

            picocli.CommandLine commandLine = KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
            SendEventCommand fromStdin = commandLine.getSubcommands().get("send-event").getCommand();
            fromStdin.stdin = new java.io.ByteArrayInputStream("recovered".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(0, commandLine.execute("send-event", "--server", server + "/api/v1", "--token-file",
                    operatorFile.toString(), "--channel", "/system/channels/Alert", "-"), err.toString());

            JsonNode done = waitForState(serving.port(), operator, pid, "DONE");
            assertEquals(0, done.get("exit_status").asInt(), done.toString());
            HttpResponse<String> console = call(serving.port(), "GET", "/api/v1/processes/" + pid + "/console", operator, null);
            assertEquals("problem on web01\nthen: recovered\n", console.body());

            err.getBuffer().setLength(0);
            assertEquals(2, run("send-event", "--server", server, "--token-file", operatorFile.toString(),
                    "--channel", "/nowhere", "x"));
            assertTrue(err.toString().contains("the server refused (404): no object at /nowhere"), err.toString());

            String metrics = call(serving.port(), "GET", "/metrics", viewer, null).body();
            assertTrue(metrics.contains("kompira_processes{state=\"DONE\"} 1.0"), metrics);
            assertTrue(metrics.contains("kompira_api_requests_total{method=\"POST\",route=\"/api/v1/channels/{path}/messages\","
                    + "status=\"202\"} 2.0"), metrics);
            assertTrue(metrics.contains("kompira_ssh_connections_open 0.0"), metrics);

            try (GitStore git = GitStore.open(repository, GitStoreOptions.defaults());
                    Kompira engine = Kompira.builder().store(git).build()) {
                engine.objects().createJobflow("/merged", "print('merged while the server ran')");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (call(serving.port(), "GET", "/api/v1/objects/merged", viewer, null).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "--follow-branch did not deploy the new commit: "
                        + call(serving.port(), "GET", "/api/v1/store", viewer, null).body());
                Thread.sleep(100);
            }
        } finally {
            assertEquals(0, serving.stop());
        }
    }

    @Test
    void serveTakesATlsKeystoreAndThenAnyAddress() throws Exception {
        Path repository = store();
        String viewer = token(repository, "viewer");
        Path keystore = dev.kompira.core.http.LoopbackHttpServer.selfSignedKeystore(dir, "localhost");
        Path passwordFile = Files.writeString(dir.resolve("tls.password"), "wrong\n");
        err.getBuffer().setLength(0);
        assertEquals(2, run("serve", "--store", repository.toString(), "--listen", "127.0.0.1:0",
                "--tls-keystore", keystore.toString(), "--tls-password-file", passwordFile.toString()));
        assertTrue(err.toString().contains("--tls-keystore: cannot read the PKCS12 keystore " + keystore
                + ": the password is wrong"), err.toString());

        Serving serving = serve(repository, "--listen", "0.0.0.0:0", "--tls-keystore", keystore.toString());
        try {
            assertTrue(serving.err().toString().contains("serving https://0.0.0.0:"), serving.err().toString());
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            try (java.io.InputStream in = Files.newInputStream(keystore)) {
                trust.load(in, "secret".toCharArray());
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> health = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + serving.port() + "/api/v1/health")).header("Authorization", "Bearer " + viewer)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        } finally {
            assertEquals(0, serving.stop());
        }
    }

    private JsonNode waitForState(int port, String token, long pid, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call(port, "GET", "/api/v1/processes/" + pid, token, null);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (last.get("state").asText().equals(state)) {
                    return last;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " did not reach " + state + ": " + last);
    }
}
