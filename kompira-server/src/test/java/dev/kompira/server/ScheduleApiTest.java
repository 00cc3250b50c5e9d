package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule routes against a real server: listed by viewers, added and removed by admins, fired by the engine's clock. */
class ScheduleApiTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path dir;

    /** A clock the test moves; the engine reads it on its timer thread. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void moveTo(Instant value) {
            now = value;
        }

        @Override
        public ZoneId getZone() {
            return TOKYO;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Instant at(int hour, int minute, int second) {
        return LocalDateTime.of(2026, 12, 7, hour, minute, second).atZone(TOKYO).toInstant();
    }

    @Test
    void aScheduleAddedOverHttpAndDueInTheNextMinuteStartsItsFlowUnderAFakeClock() throws Exception {
        MovableClock clock = new MovableClock(at(9, 0, 30));
        Kompira engine = Kompira.builder().zone(TOKYO).clock(clock).scheduleTick(Duration.ofMillis(5)).build();
        try (ServerFixture f = new ServerFixture(dir, KompiraServer.builder(), engine)) {
            engine.objects().createJobflow("/hello", "| who = 'nobody' |\nprint('hello ' + who)");
            HttpResponse<String> added = f.client.postJson("/api/v1/schedules", f.admin(),
                    "{\"name\": \"Morning hello\", \"job\": \"/hello\", \"parameters\": [\"'world'\"], \"hour\": 9, \"minute\": \"1\"}");
            assertEquals(201, added.statusCode(), added.body());
            JsonNode schedule = ApiClient.json(added);
            long id = schedule.get("id").asLong();
            assertEquals("/api/v1/schedules/" + id, added.headers().firstValue("Location").orElseThrow());
            assertEquals("/system/schedules/Morning_hello", schedule.get("path").asText());
            assertEquals("/hello", schedule.get("job").asText());
            assertEquals("2026-12-07T09:01+09:00", schedule.get("next_run_time").asText());
            assertEquals("9", schedule.get("hour").asText());
            assertEquals(List.of(), engine.processes(ProcessQuery.all()), "nothing is due at 09:00:30");

            clock.moveTo(at(9, 1, 2));
            JobflowProcess run = awaitProcess(engine);
            run.await();
            assertEquals("hello world\n", run.console());
            JsonNode process = ApiClient.json(f.client.get("/api/v1/processes/" + run.pid(), f.viewer()));
            assertEquals(id, process.get("schedule").asLong(), process.toString());
            assertTrue(process.get("invoker").isNull(), "a scheduled process has no invoker");
            JsonNode listed = ApiClient.json(f.client.get("/api/v1/schedules", f.viewer())).get("schedules");
            assertEquals(1, listed.size());
            assertEquals("2026-12-08T09:01+09:00", listed.get(0).get("next_run_time").asText(), "the next one is tomorrow's");
        }
    }

    private static JobflowProcess awaitProcess(Kompira engine) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<JobflowProcess> started = engine.processes(ProcessQuery.all());
            if (!started.isEmpty()) {
                return started.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the schedule did not start its flow within 10 s");
    }

    @Test
    void schedulesAreShownByIdOrNameAndRefusedWithTheCheckOfScheduleAdd() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.engine.objects().createJobflow("/backup", "print('backup')");
            HttpResponse<String> added = f.client.postJson("/api/v1/schedules", f.admin(),
                    "{\"name\": \"Nightly backup\", \"job\": \"/backup\", \"day_of_week\": \"mon-fri\", \"hour\": \"2\", "
                            + "\"minute\": \"30\", \"disabled\": true}");
            assertEquals(201, added.statusCode(), added.body());
            long id = ApiClient.json(added).get("id").asLong();
            JsonNode byName = ApiClient.json(f.client.get("/api/v1/schedules/Nightly_backup", f.viewer()));
            assertEquals(id, byName.get("id").asLong());
            assertEquals("Nightly backup", byName.get("name").asText());
            assertTrue(byName.get("next_run_time").isNull(), "a disabled schedule never runs");
            assertTrue(byName.get("year").isNull());
            assertEquals("mon-fri", ApiClient.json(f.client.get("/api/v1/schedules/" + id, f.viewer())).get("day_of_week").asText());

            ServerApiTest.assertError(f.client.postJson("/api/v1/schedules", f.admin(),
                    "{\"name\": \"bad\", \"job\": \"/backup\", \"hour\": \"24\"}"), 422, "schedule_refused");
            HttpResponse<String> bad = f.client.postJson("/api/v1/schedules", f.admin(), "{\"name\": \"bad\", \"job\": \"/backup\", \"hour\": \"24\"}");
            assertEquals("/system/schedules/bad: hour: 24 is out of range 0-23", ApiClient.json(bad).get("message").asText());
            ServerApiTest.assertError(f.client.postJson("/api/v1/schedules", f.admin(),
                    "{\"name\": \"x\", \"job\": \"/nothing\", \"minute\": \"1\"}"), 422, "schedule_refused");
            ServerApiTest.assertError(f.client.postJson("/api/v1/schedules", f.admin(),
                    "{\"name\": \"x\", \"job\": \"/backup\", \"dayOfWeek\": \"mon\"}"), 400, "bad_request");
            ServerApiTest.assertError(f.client.postJson("/api/v1/schedules", f.admin(),
                    "{\"name\": \"x\", \"job\": \"/backup\", \"parameters\": [1]}"), 400, "bad_request");
            ServerApiTest.assertError(f.client.postJson("/api/v1/schedules", f.admin(), "{\"job\": \"/backup\"}"), 400, "bad_request");
            ServerApiTest.assertError(f.client.postJson("/api/v1/schedules", f.admin(), "{nope"), 400, "bad_json");
            assertEquals(1, f.engine.schedules().list().size(), "a refused add writes nothing");

            HttpResponse<String> removed = f.client.send(f.client.request("/api/v1/schedules/" + id, f.admin()).DELETE().build());
            assertEquals(204, removed.statusCode(), removed.body());
            assertEquals(List.of(), f.engine.schedules().list());
            ServerApiTest.assertError(f.client.get("/api/v1/schedules/" + id, f.viewer()), 404, "not_found");
            ServerApiTest.assertError(f.client.get("/api/v1/schedules/99999999999999999999", f.viewer()), 404, "not_found");
            ServerApiTest.assertError(f.client.send(f.client.request("/api/v1/schedules/Nightly_backup", f.admin())
                    .DELETE().build()), 404, "not_found");
        }
    }

    @Test
    void onAGitStoreAnAddAndARemoveAreCommitsOfTheServedBranch() throws Exception {
        Path repository = dir.resolve("flows.git");
        Git.init().setBare(true).setDirectory(repository.toFile()).setInitialBranch("main").call().close();
        try (GitStore store = GitStore.open(repository, GitStoreOptions.defaults());
                ServerFixture f = new ServerFixture(dir, KompiraServer.builder().store(store), Kompira.builder().store(store).build())) {
            f.engine.objects().createJobflow("/backup", "print('backup')");
            HttpResponse<String> added = f.client.postJson("/api/v1/schedules", f.admin(),
                    "{\"name\": \"Nightly backup\", \"job\": \"/backup\", \"hour\": 2, \"minute\": 30}");
            assertEquals(201, added.statusCode(), added.body());
            try (Git git = Git.open(repository.toFile())) {
                assertEquals("add schedule Nightly backup", git.log().setMaxCount(1).call().iterator().next().getShortMessage());
            }
            HttpRequest delete = f.client.request("/api/v1/schedules/Nightly_backup", f.admin()).DELETE().build();
            assertEquals(204, f.client.send(delete).statusCode());
            try (Git git = Git.open(repository.toFile())) {
                assertTrue(git.log().setMaxCount(1).call().iterator().next().getShortMessage().contains("Nightly_backup"));
            }
        }
    }
}
