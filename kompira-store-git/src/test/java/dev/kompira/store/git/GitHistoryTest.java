package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history of a Git store: log per object, diff between revisions, revert. */
class GitHistoryTest {

    private static final SecretKey KEY = SecretKey.parse("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "test");

    @TempDir
    Path dir;

    @Test
    void theLogOfAnObjectListsTheCommitsThatChangedItNewestFirst() throws Exception {
        try (GitStore store = open()) {
            run(store, "[n = ./.add('web01', /system/types/NodeInfo, {hostname = 'a'})] -> [./.add: 'other', /system/types/Directory]"
                    + " -> [22 >> n.port] -> ['x' >> ./other.description]");
            List<GitHistory.Commit> log = store.history().log("/web01", 10);
            assertEquals(List.of("set port of /web01", "add /web01"), log.stream().map(GitHistory.Commit::subject).toList());
            assertTrue(log.get(0).message().contains("\nProcess: "), log.get(0).message());
            assertEquals("Kompira <kompira@localhost>", log.get(0).author());
            assertThrows(StoreException.class, () -> store.history().log("/missing", 10));
        }
    }

    @Test
    void theDiffShowsObjectsAndFieldsThatChangedAndTheSourceDiffOfFlows() throws Exception {
        String before;
        try (GitStore store = open()) {
            run(store, "[./.add: 'web01', /system/types/NodeInfo, {hostname = 'a', port = 22}] ->"
                    + " [./.add: 'gone', /system/types/Directory] ->"
                    + " [./.add: 'acc', /system/types/AccountInfo, {user = 'ops', password = 'old-secret'}] ->"
                    + " [./.add: 'flow', /system/types/Jobflow, {source = \"print(1)\\nprint(2)\\nprint(3)\\n\"}]");
            before = store.headCommit().orElseThrow();
            run(store, "[2222 >> /web01.port] -> [/gone.delete] -> [./.add: 'new', /system/types/Directory] ->"
                    + " ['new-secret' >> /acc.password] -> [\"print(1)\\nprint('two')\\nprint(3)\\n\" >> /flow.source] ->"
                    + " [/web01.rename: 'web02']");
            List<GitHistory.ObjectChange> diff = store.history().diff(before, null);
            String shown = diff.toString();
            assertTrue(diff.contains(new GitHistory.ObjectChange("/gone", "removed", List.of())), shown);
            assertTrue(diff.contains(new GitHistory.ObjectChange("/new", "added", List.of())), shown);
            assertTrue(diff.contains(new GitHistory.ObjectChange("/web02", "changed",
                    List.of("moved from /web01", "display_name: web01 -> web02", "port: 22 -> 2222"))), shown);
            assertTrue(diff.contains(new GitHistory.ObjectChange("/acc", "changed", List.of("password: (secret changed)"))), shown);
            GitHistory.ObjectChange flow = diff.stream().filter(c -> c.path().equals("/flow")).findFirst().orElseThrow();
            assertEquals("source:\n@@ -1,3 +1,3 @@\n print(1)\n-print(2)\n+print('two')\n print(3)", flow.details().get(0));
            assertTrue(!shown.contains("old-secret") && !shown.contains("new-secret"), shown);
        }
    }

    @Test
    void aRevertPutsBackWhatACommitChangedAndRefusesWhenTheFileChangedSince() throws Exception {
        try (GitStore store = open()) {
            run(store, "[./.add: 'web01', /system/types/NodeInfo, {hostname = 'a', port = 22}]");
            run(store, "[2222 >> /web01.port]");
            String bad = store.headCommit().orElseThrow();
            run(store, "[./.add: 'later', /system/types/Directory]");
            String revert = store.history().revert(bad);
            assertEquals(revert, store.headCommit().orElseThrow());
            assertEquals("22 Directory\n", run(store, "print(/web01.port, /later.type_name)"));
            assertTrue(store.history().log(null, 1).get(0).message().startsWith("Revert \"set port of /web01\""));

            run(store, "[3333 >> /web01.port]");
            String changed = store.headCommit().orElseThrow();
            run(store, "[4444 >> /web01.port]");
            StoreException conflict = assertThrows(StoreException.class, () -> store.history().revert(changed));
            assertTrue(conflict.getMessage().contains("tree/web01.json was changed again after that commit"), conflict.getMessage());
            assertEquals("4444\n", run(store, "print(/web01.port)"));
        }
    }

    private GitStore open() {
        GitStore store = GitStore.open(dir, GitStoreOptions.defaults().withSecretKey(KEY));
        if (store.isEmpty()) {
            dev.kompira.core.object.TreeInitializer.initialise(store, java.time.ZoneOffset.UTC);
        }
        return store;
    }

    private static String run(GitStore store, String flow) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Kompira engine = Kompira.builder().store(store).console((pid, text) -> {
            synchronized (out) {
                out.append(text);
            }
        }).build()) {
            ProcessOutcome outcome = engine.start(engine.compile("history.kjf", flow), Map.of()).await(Duration.ofSeconds(30));
            assertTrue(outcome.isDone(), out + " " + outcome);
        }
        return out.toString();
    }
}
