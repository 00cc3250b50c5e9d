package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessState;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleFollowTest {

    @TempDir
    Path dir;

    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir, KompiraServer.builder().maxConsoleFollowers(2).followInterval(Duration.ofMillis(50)));
        f.engine.objects().create("/box", "Channel", Map.of());
        f.engine.objects().createJobflow("/waiter",
                "print('waiting') -> </box> -> print('got ' + $RESULT) -> ['sleep 0.3'] -> print('done')");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** One Server-Sent Event. */
    record Event(String name, String data) {
    }

    /** Reads the stream to its end (the server ends it when the process ends) and returns its events. */
    private static List<Event> events(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            } else if (line.isEmpty() && name != null) {
                events.add(new Event(name, data.toString()));
                name = null;
                data.setLength(0);
            }
        }
        return events;
    }

    private CompletableFuture<HttpResponse<Stream<String>>> follow(long pid) {
        HttpRequest request = f.client.request("/api/v1/processes/" + pid + "/console?follow=true", f.viewer())
                .header("Accept", "text/event-stream").GET().build();
        return f.client.http().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    }

    @Test
    void aFollowedConsoleStreamsUntilTheProcessEnds() throws Exception {
        JsonNode started = ApiClient.json(f.client.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/waiter\"}"));
        JobflowProcess p = f.engine.process(started.get("pid").asLong()).orElseThrow();
        ServerApiTest.waitFor(() -> p.state() == ProcessState.WAITING);
        HttpResponse<Stream<String>> response = follow(p.pid()).get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        CompletableFuture<List<Event>> read = CompletableFuture.supplyAsync(() -> events(response.body()));
        Thread.sleep(200);
        f.client.post("/api/v1/channels/box/messages", f.operator(), "text/plain", "alert");

        List<Event> events = read.get(20, TimeUnit.SECONDS);
        StringBuilder console = new StringBuilder();
        for (Event e : events.subList(0, events.size() - 1)) {
            assertEquals("console", e.name());
            console.append(ApiClient.JSON.readTree(e.data()).asText());
        }
        assertTrue(events.size() >= 3, "the text came in more than one event as it grew: " + events);
        assertEquals("waiting\ngot alert\ndone\n", console.toString());
        assertEquals(p.console(), console.toString(), "the same text as the whole console");
        Event end = events.get(events.size() - 1);
        assertEquals("end", end.name());
        JsonNode endData = ApiClient.JSON.readTree(end.data());
        assertEquals("DONE", endData.get("state").asText());
        assertEquals(0, endData.get("exit_status").asInt());
    }

    @Test
    void followingAnEndedProcessGivesItsWholeConsoleAndTheEnd() throws Exception {
        f.engine.objects().createJobflow("/quick", "print('one') -> print('two')");
        JsonNode started = ApiClient.json(f.client.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/quick\"}"));
        f.engine.process(started.get("pid").asLong()).orElseThrow().await(Duration.ofSeconds(10));
        List<Event> events = events(follow(started.get("pid").asLong()).get(10, TimeUnit.SECONDS).body());
        assertEquals(List.of(new Event("console", "\"one\\ntwo\\n\""),
                new Event("end", "{\"pid\":" + started.get("pid").asLong() + ",\"state\":\"DONE\",\"exit_status\":0}")), events);
    }

    @Test
    void anIdleStreamGetsCommentsSoThatNoIdleTimeoutCutsIt() throws Exception {
        try (ServerFixture quiet = new ServerFixture(dir.resolve("quiet"), KompiraServer.builder()
                .followInterval(Duration.ofMillis(20)).keepAlive(Duration.ofMillis(100)))) {
            quiet.engine.objects().create("/box", "Channel", Map.of());
            quiet.engine.objects().createJobflow("/wait", "</box>");
            JsonNode started = ApiClient.json(quiet.client.postJson("/api/v1/processes", quiet.operator(), "{\"path\": \"/wait\"}"));
            HttpRequest request = quiet.client.request("/api/v1/processes/" + started.get("pid").asLong() + "/console?follow=true",
                    quiet.viewer()).header("Accept", "text/event-stream").GET().build();
            HttpResponse<Stream<String>> response = quiet.client.http().send(request, HttpResponse.BodyHandlers.ofLines());
            Iterator<String> lines = response.body().iterator();
            String first = CompletableFuture.supplyAsync(lines::next).get(5, TimeUnit.SECONDS);
            assertTrue(first.startsWith(":"), "an SSE comment: " + first);
            response.body().close();
        }
    }

    @Test
    void followingNeedsTheEventStreamAccepted() throws Exception {
        JsonNode started = ApiClient.json(f.client.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/waiter\"}"));
        ServerApiTest.assertError(f.client.get("/api/v1/processes/" + started.get("pid").asLong() + "/console?follow=true",
                f.viewer()), 406, "not_acceptable");
    }

    @Test
    void clientsOverTheLimitAreTurnedAway() throws Exception {
        JsonNode started = ApiClient.json(f.client.postJson("/api/v1/processes", f.operator(), "{\"path\": \"/waiter\"}"));
        long pid = started.get("pid").asLong();
        HttpResponse<Stream<String>> first = follow(pid).get(10, TimeUnit.SECONDS);
        HttpResponse<Stream<String>> second = follow(pid).get(10, TimeUnit.SECONDS);
        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        HttpResponse<String> third = f.client.send(f.client.request("/api/v1/processes/" + pid + "/console?follow=true", f.viewer())
                .header("Accept", "text/event-stream").GET().build());
        ServerApiTest.assertError(third, 503, "too_many_followers");
        assertEquals("5", third.headers().firstValue("Retry-After").orElseThrow());
        f.client.post("/api/v1/channels/box/messages", f.operator(), "text/plain", "x");
        List<Event> a = events(first.body());
        List<Event> b = events(second.body());
        assertEquals("end", a.get(a.size() - 1).name());
        assertEquals("end", b.get(b.size() - 1).name());
        ServerApiTest.waitFor(() -> {
            try {
                return follow(pid).get(10, TimeUnit.SECONDS).statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
