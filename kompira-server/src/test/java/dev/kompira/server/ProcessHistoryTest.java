package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process records kept across server restarts: real engines and servers, one after the other, on one folder. */
class ProcessHistoryTest {

    @TempDir
    Path dir;
    TokenStore tokens;
    String token;

    @BeforeEach
    void tokens() {
        tokens = TokenStore.open(dir.resolve("tokens.json"));
        token = tokens.create("ci", Role.OPERATOR);
    }

    /** One engine and its server, recording into a history; {@link #stop()} stops them as kompira serve does. */
    private final class Run implements AutoCloseable {
        final ProcessHistory history;
        final Kompira engine;
        final KompiraServer server;
        final ApiClient api;
        final String token;

        Run(Path folder, int keep, Duration keepFor, Clock clock) {
            this.history = ProcessHistory.open(folder, keep, keepFor, clock);
            this.engine = Kompira.builder().pidsAbove(history.highestPid()).onProcess(history::created).build();
            engine.objects().createDirectory("/flows");
            engine.objects().create("/box", "Channel", java.util.Map.of());
            engine.objects().createJobflow("/flows/hello", "print('hello') -> return({'n': 42})");
            engine.objects().createJobflow("/flows/waiter", "print('waiting') -> </box> -> print($RESULT)");
            this.token = ProcessHistoryTest.this.token;
            this.server = KompiraServer.builder().engine(engine).tokens(tokens).history(history)
                    .listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
            this.api = new ApiClient(server.port());
        }

        Run(Path folder) {
            this(folder, ProcessHistory.DEFAULT_KEEP, ProcessHistory.DEFAULT_KEEP_FOR, Clock.systemUTC());
        }

        long start(String path) throws Exception {
            HttpResponse<String> r = api.postJson("/api/v1/processes", token, "{\"path\": \"" + path + "\"}");
            assertEquals(201, r.statusCode(), r.body());
            return ApiClient.json(r).get("pid").asLong();
        }

        JobflowProcess process(long pid) {
            return engine.process(pid).orElseThrow();
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> r = api.get(path, token);
            assertEquals(200, r.statusCode(), r.body());
            return ApiClient.json(r);
        }

        @Override
        public void close() {
            history.stopping();
            server.close();
            engine.close();
            history.close();
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    private static List<Long> pids(JsonNode list) {
        List<Long> pids = new ArrayList<>();
        list.get("processes").forEach(p -> pids.add(p.get("pid").asLong()));
        return pids;
    }

    @Test
    void anEndedProcessIsShownWithItsConsoleAfterARestartAndItsPidIsNotGivenAgain() throws Exception {
        Path folder = dir.resolve("processes");
        long first;
        try (Run run = new Run(folder)) {
            first = run.start("/flows/hello");
            run.process(first).await(Duration.ofSeconds(10));
            assertEquals(List.of(first), pids(run.get("/api/v1/processes")), "the engine's view and the record: once");
        }
        try (Run run = new Run(folder)) {
            JsonNode shown = run.get("/api/v1/processes/" + first);
            assertEquals("DONE", shown.get("state").asText());
            assertEquals(0, shown.get("exit_status").asInt());
            assertEquals(42, shown.get("result").get("n").asInt());
            assertEquals("ci", shown.get("invoker").asText());
            assertEquals("/flows/hello", shown.get("jobflow").asText());
            assertTrue(shown.get("finished").isTextual());
            assertEquals("hello\n", run.api.get("/api/v1/processes/" + first + "/console", run.token).body());
            assertEquals(409, run.api.post("/api/v1/processes/" + first + "/terminate", run.token, null, "").statusCode());

            long second = run.start("/flows/hello");
            assertTrue(second > first, "pid " + second + " after " + first);
            run.process(second).await(Duration.ofSeconds(10));
            assertEquals(List.of(first, second), pids(run.get("/api/v1/processes")));
            assertEquals(List.of(first, second), pids(run.get("/api/v1/processes?state=DONE&jobflow=/flows/hello")));
            assertEquals(List.of(), pids(run.get("/api/v1/processes?state=ABORTED")));
            assertEquals(List.of(second), pids(run.get("/api/v1/processes?started_after="
                    + run.get("/api/v1/processes/" + second).get("started").asText())));

            HttpResponse<String> followed = run.api.send(run.api.request("/api/v1/processes/" + first + "/console?follow=true",
                    run.token).header("Accept", "text/event-stream").GET().build());
            assertTrue(followed.body().contains("event: console\ndata: \"hello\\n\""), followed.body());
            assertTrue(followed.body().contains("event: end\ndata: {\"pid\":" + first + ",\"state\":\"DONE\",\"exit_status\":0}"),
                    followed.body());
        }
    }

    @Test
    void aProcessRunningWhenTheServerWasKilledIsRecordedAbortedAtTheNextStart() throws Exception {
        Path folder = dir.resolve("processes");
        Path killed = dir.resolve("killed");
        long pid;
        try (Run run = new Run(folder)) {
            pid = run.start("/flows/waiter");
            waitFor(() -> run.history.find(pid).isPresent());
            // what a SIGKILL leaves: the records as they are on disk while the process waits
            snapshot(folder, killed);
        }
        try (Run run = new Run(killed)) {
            waitFor(() -> run.history.find(pid).map(ProcessHistory.Kept::ended).orElse(false));
            JsonNode shown = run.get("/api/v1/processes/" + pid);
            assertEquals("ABORTED", shown.get("state").asText());
            assertEquals(ProcessHistory.STOPPED, shown.get("error").asText());
            assertEquals(1, shown.get("exit_status").asInt());
            assertEquals(List.of(pid), pids(run.get("/api/v1/processes?state=ABORTED")));
        }
    }

    /**
     * Copies {@code folder} into a new folder {@code into} as it is at one moment: a file the server
     * renames while it is copied (a record written aside, then moved into place) means another try.
     */
    private static void snapshot(Path folder, Path into) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Files.createDirectories(into);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.copy(f, into.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                return;
            } catch (NoSuchFileException renamedMeanwhile) {
                if (attempt == 10) {
                    throw renamedMeanwhile;
                }
                try (Stream<Path> copied = Files.list(into)) {
                    for (Path f : copied.toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    @Test
    void aProcessStoppedByAServerThatStopsIsRecordedAbortedWithItsConsole() throws Exception {
        Path folder = dir.resolve("processes");
        long pid;
        try (Run run = new Run(folder)) {
            pid = run.start("/flows/waiter");
            waitFor(() -> run.process(pid).state() == ProcessState.WAITING);
        }
        try (Run run = new Run(folder)) {
            JsonNode shown = run.get("/api/v1/processes/" + pid);
            assertEquals("ABORTED", shown.get("state").asText());
            assertEquals(ProcessHistory.STOPPED, shown.get("error").asText());
            assertEquals("waiting\n", run.api.get("/api/v1/processes/" + pid + "/console", run.token).body());
        }
    }

    @Test
    void theNewestRecordsAreKeptUpToTheNumberAndTheAgeGiven() throws Exception {
        Path folder = dir.resolve("processes");
        List<Long> started = new ArrayList<>();
        try (Run run = new Run(folder, 2, Duration.ofDays(1), Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                long pid = run.start("/flows/hello");
                run.process(pid).await(Duration.ofSeconds(10));
                started.add(pid);
            }
        }
        try (Run run = new Run(folder, 2, Duration.ofDays(1), Clock.systemUTC())) {
            assertEquals(started.subList(1, 3), pids(run.get("/api/v1/processes")), "the oldest record is gone");
            assertFalse(Files.exists(folder.resolve("process-" + started.get(0) + ".json")));
        }
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        try (Run run = new Run(folder, 2, Duration.ofDays(1), later)) {
            waitFor(() -> run.history.find(started.get(2)).isEmpty());
            assertEquals(List.of(), pids(run.get("/api/v1/processes")), "records older than a day are gone");
        }
    }
}
