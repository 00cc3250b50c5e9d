package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.Kompira;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review-before-deploy loop of kompira-examples' ReviewBeforeDeployExample against a running
 * server: a developer pushes a change of a flow to the branch the server runs; the reload is refused
 * while the head does not pass kompira check, and the engine keeps running the old flow; the fix is
 * deployed by the next reload.
 */
class StoreReloadTest {

    private static final String FLOW_FILE = "tree/ops/greet.kjf";

    @TempDir
    Path work;

    /** The team's shared repository, empty, with its branch {@code main}. */
    private Path bareRepository() throws Exception {
        Path server = work.resolve("flows.git");
        Git.init().setBare(true).setDirectory(server.toFile()).setInitialBranch("main").call().close();
        return server;
    }

    /** The first deployed version of the flow, committed through the engine. */
    private static void addGreetVersion1(Kompira engine) {
        engine.objects().batch("add /ops/greet", objects -> {
            objects.createDirectories("/ops");
            objects.createJobflow("/ops/greet", "print('hello from version 1')\n");
        });
    }

    @Test
    void aReloadIsRefusedForABrokenHeadAndDeploysTheFixedOne() throws Exception {
        Path server = bareRepository();
        try (GitStore store = GitStore.open(server, GitStoreOptions.defaults());
                Kompira engine = Kompira.builder().store(store).build()) {
            addGreetVersion1(engine);
            TokenStore tokens = TokenStore.open(work.resolve("tokens.json"));
            String admin = tokens.create("admin", Role.ADMIN);
            String operator = tokens.create("operator", Role.OPERATOR);
            try (KompiraServer api = KompiraServer.builder().engine(engine).tokens(tokens).store(store)
                    .listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
                    Git developer = Git.cloneRepository().setURI(server.toUri().toString())
                            .setDirectory(work.resolve("developer").toFile()).call()) {
                ApiClient client = new ApiClient(api.port());
                String v1 = store.headCommit().orElseThrow();
                JsonNode shown = ApiClient.json(client.get("/api/v1/store", operator));
                assertEquals("git", shown.get("kind").asText());
                assertEquals("main", shown.get("branch").asText());
                assertEquals(v1, shown.get("commit").asText());
                assertEquals(v1, shown.get("branch_head").asText());
                assertEquals(403, client.postJson("/api/v1/store/reload", operator, "").statusCode());

                String broken = push(developer, "print('hello from version 2') -> -> print('reviewed before it ran')\n");
                assertEquals(broken, ApiClient.json(client.get("/api/v1/store", operator)).get("branch_head").asText());
                HttpResponse<String> refused = client.postJson("/api/v1/store/reload", admin, "");
                assertEquals(422, refused.statusCode(), refused.body());
                JsonNode error = ApiClient.json(refused);
                assertEquals("check_failed", error.get("error").asText());
                assertEquals(1, error.get("problems").size(), refused.body());
                assertTrue(error.get("problems").get(0).asText().startsWith(FLOW_FILE + ":1:34: error:"), refused.body());
                assertTrue(error.get("message").asText().contains("the engine keeps running " + v1), refused.body());
                assertEquals(v1, store.headCommit().orElseThrow());
                assertEquals("hello from version 1\n", run(client, operator));

                String fixed = push(developer, "print('hello from version 2') -> print('reviewed before it ran')\n");
                HttpResponse<String> deployed = client.postJson("/api/v1/store/reload", admin, "");
                assertEquals(200, deployed.statusCode(), deployed.body());
                JsonNode after = ApiClient.json(deployed);
                assertTrue(after.get("reloaded").asBoolean());
                assertEquals(v1, after.get("previous_commit").asText());
                assertEquals(fixed, after.get("commit").asText());
                assertEquals(fixed, store.headCommit().orElseThrow());
                assertEquals("hello from version 2\nreviewed before it ran\n", run(client, operator));

                JsonNode again = ApiClient.json(client.postJson("/api/v1/store/reload", admin, ""));
                assertFalse(again.get("reloaded").asBoolean(), again.toString());
                assertEquals(fixed, again.get("commit").asText());
            }
        }
    }

    @Test
    void aServerFollowingTheBranchDeploysTheFixedHeadAndShowsTheRefusedOne() throws Exception {
        Path server = bareRepository();
        try (GitStore store = GitStore.open(server, GitStoreOptions.defaults());
                Kompira engine = Kompira.builder().store(store).build()) {
            addGreetVersion1(engine);
            TokenStore tokens = TokenStore.open(work.resolve("tokens.json"));
            String viewer = tokens.create("viewer", Role.VIEWER);
            try (KompiraServer api = KompiraServer.builder().engine(engine).tokens(tokens).store(store)
                    .followBranch(Duration.ofMillis(50)).listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
                    Git developer = Git.cloneRepository().setURI(server.toUri().toString())
                            .setDirectory(work.resolve("developer").toFile()).call()) {
                ApiClient client = new ApiClient(api.port());
                String v1 = store.headCommit().orElseThrow();
                String broken = push(developer, "print('hello from version 2') -> -> print('reviewed before it ran')\n");
                JsonNode refused = awaitStore(client, viewer, s -> s.get("refused").isObject());
                assertEquals(broken, refused.get("refused").get("commit").asText());
                assertTrue(refused.get("refused").get("problems").get(0).asText().startsWith(FLOW_FILE + ":1:34: error:"),
                        refused.toString());
                assertEquals(v1, refused.get("commit").asText(), "the engine keeps running what it ran");

                String fixed = push(developer, "print('hello from version 2') -> print('reviewed before it ran')\n");
                JsonNode deployed = awaitStore(client, viewer, s -> s.get("commit").asText().equals(fixed));
                assertTrue(deployed.get("refused").isNull(), deployed.toString());
                assertEquals(fixed, store.headCommit().orElseThrow());
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("kompira-follow-branch")),
                    "close() ends the follower");
        }
        try (Kompira other = Kompira.builder().build()) {
            KompiraServer.Builder withoutStore = KompiraServer.builder().engine(other)
                    .tokens(TokenStore.open(work.resolve("t.json"))).followBranch(Duration.ofSeconds(1));
            assertThrows(IllegalStateException.class, withoutStore::build, "following needs the Git store");
        }
    }

    /** Asks GET /api/v1/store until {@code done} holds for its answer (10 s at most); returns that answer. */
    private static JsonNode awaitStore(ApiClient client, String token, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = ApiClient.json(client.get("/api/v1/store", token));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the store did not get there: " + last);
    }

    @Test
    void anEngineOnAnotherStoreHasNothingToReload() throws Exception {
        try (ServerFixture f = new ServerFixture(work)) {
            assertEquals("other", ApiClient.json(f.client.get("/api/v1/store", f.viewer())).get("kind").asText());
            HttpResponse<String> r = f.client.postJson("/api/v1/store/reload", f.admin(), "");
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(r.body().contains("no Git store"), r.body());
        }
    }

    /** Commits {@code source} as the flow on the developer's main and pushes it; returns the commit. */
    private String push(Git developer, String source) throws Exception {
        Path clone = developer.getRepository().getWorkTree().toPath();
        Files.writeString(clone.resolve(FLOW_FILE), source, StandardCharsets.UTF_8);
        developer.add().addFilepattern(FLOW_FILE).call();
        String commit = developer.commit().setAuthor("Developer", "dev@example.com").setMessage("greet").call().name();
        developer.push().setRemote("origin").add("main").call();
        return commit;
    }

    /** Starts /ops/greet through the API, waits for it to end; returns its console. */
    private static String run(ApiClient client, String token) throws Exception {
        HttpResponse<String> started = client.postJson("/api/v1/processes", token, "{\"path\": \"/ops/greet\"}");
        assertEquals(201, started.statusCode(), started.body());
        long pid = ApiClient.json(started).get("pid").asLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode p = ApiClient.json(client.get("/api/v1/processes/" + pid, token));
            if (p.get("state").asText().equals("DONE")) {
                return client.get("/api/v1/processes/" + pid + "/console", token).body();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " did not end");
    }
}
