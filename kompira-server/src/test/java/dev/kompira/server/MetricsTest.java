package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.transport.LocalTransport;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: an engine that ran real commands, a channel with a queue, API calls, scraped over HTTP. */
class MetricsTest {

    @TempDir
    Path dir;

    @Test
    void theMetricsCountProcessesCommandsQueuesAndRequests() throws Exception {
        ServerMetrics metrics = ServerMetrics.create().sshConnections(() -> 3);
        TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
        String viewer = tokens.create("prometheus", Role.VIEWER);
        String operator = tokens.create("ci", Role.OPERATOR);
        try (Kompira engine = Kompira.builder().transport(metrics.counting(new LocalTransport())).build();
                KompiraServer server = KompiraServer.builder().engine(engine).tokens(tokens).metrics(metrics)
                        .listen(new InetSocketAddress("127.0.0.1", 0)).build().start()) {
            engine.objects().create("/box", "Channel", Map.of());
            engine.objects().createJobflow("/commands", "['true'] -> ['exit 3'] => ['echo hi']");
            engine.objects().createJobflow("/wait", "</box> -> print($RESULT)");
            ProcessOutcome ran = engine.start("/commands", Map.of(), StartOptions.DEFAULT).await();
            assertTrue(ran.isDone(), ran.toString());
            engine.start("/wait", Map.of(), StartOptions.DEFAULT);
            ApiClient client = new ApiClient(server.port());
            assertEquals(202, client.post("/api/v1/channels/box/messages", operator, "text/plain", "one").statusCode());
            assertEquals(202, client.post("/api/v1/channels/box/messages", operator, "text/plain", "two").statusCode());
            assertEquals(202, client.post("/api/v1/channels/box/messages", operator, "text/plain", "three").statusCode());
            assertEquals(403, client.post("/api/v1/channels/box/messages", viewer, "text/plain", "x").statusCode());
            assertEquals(404, client.get("/api/v1/nothing", viewer).statusCode());
            assertEquals(401, client.get("/metrics", null).statusCode());

            HttpResponse<String> scraped = client.get("/metrics", viewer);
            assertEquals(200, scraped.statusCode(), scraped.body());
            assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = scraped.body();
            assertEquals(3.0, value(text, "kompira_commands_total"), text);
            assertEquals(1.0, value(text, "kompira_commands_failed_total"), text);
            assertEquals(2.0, value(text, "kompira_processes{state=\"DONE\"}"), "/commands, and /wait with the first message: " + text);
            assertEquals(0.0, value(text, "kompira_processes{state=\"SUSPENDED\"}"), text);
            assertEquals(2.0, value(text, "kompira_channel_queue_length{channel=\"/box\"}"), text);
            assertEquals(3.0, value(text, "kompira_api_requests_total{method=\"POST\",route=\"/api/v1/channels/{path}/messages\",status=\"202\"}"), text);
            assertEquals(1.0, value(text, "kompira_api_requests_total{method=\"POST\",route=\"/api/v1/channels/{path}/messages\",status=\"403\"}"), text);
            assertEquals(1.0, value(text, "kompira_api_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"), text);
            assertEquals(1.0, value(text, "kompira_api_requests_total{method=\"GET\",route=\"/metrics\",status=\"401\"}"), text);
            assertEquals(3.0, value(text, "kompira_ssh_connections_open"), text);
        }
    }

    /** Returns the value of the sample {@code name} (with its labels, in the order written) in the scrape. */
    private static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no sample " + name + " in\n" + scrape);
        }
        return Double.parseDouble(m.group(1));
    }
}
