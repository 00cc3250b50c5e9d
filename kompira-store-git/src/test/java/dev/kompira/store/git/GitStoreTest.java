package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Rendering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Git store promises beyond the store contract: files, commits, reopening, conflicts. */
class GitStoreTest {

    private static final String SETUP = String.join("\n",
            "[ops = ./.add('ops', /system/types/Directory)] ->",
            "[acc = ops.add('deploy', /system/types/AccountInfo, {user = 'ops'})] ->",
            "[ops.add: 'web01', /system/types/NodeInfo, {hostname = 'web01', port = 22, account = acc}] ->",
            "[ops.add: 'check', /system/types/Jobflow, {source = \"print('a')\\r\\nprint('b')\\r\\n\"}] ->",
            "[ops.add: 'Web', /system/types/Directory] -> [ops.add: 'web', /system/types/Directory] ->",
            "[ops.add: 'CON', /system/types/Directory] -> [ops.add: 'サーバ', /system/types/Directory] ->",
            "[cfg = ops.add('settings', /system/types/Config, {fieldNames = ['retries', 'when'],",
            "     fieldDisplayNames = ['Retries', 'When'], fieldTypes = ['Integer', 'Datetime']})] ->",
            "[{retries = 3, when = '2024-05-01 09:00:00'} >> cfg.data]");

    @TempDir
    Path dir;

    @Test
    void aTreeWrittenByFlowsReadsBackTheSameAfterReopening() throws Exception {
        String before;
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP);
            before = dump(store);
        }
        try (GitStore store = open()) {
            assertEquals(before, dump(store));
            assertEquals("web01 /ops/deploy ops 3\n", StoreFlows.run(store,
                    "print(/ops/web01.hostname, /ops/web01.account, /ops/web01.account.user, /ops/settings.data.retries)"));
        }
    }

    @Test
    void objectsAreReviewableFiles() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP);
        }
        Map<String, String> files = files();
        assertEquals("print('a')\r\nprint('b')\r\n", files.get("tree/ops/check.kjf"), "a flow's source is its own file, byte for byte");
        assertTrue(files.containsKey("tree/ops/.object.json"));
        assertTrue(files.containsKey("tree/ops/Web/.object.json") && files.containsKey("tree/ops/web~2/.object.json"), files.keySet().toString());
        assertTrue(files.containsKey("tree/ops/CON~/.object.json") && files.containsKey("tree/ops/サーバ/.object.json"), files.keySet().toString());
        String node = files.get("tree/ops/web01.json");
        assertTrue(node.contains("\n  \"type\": \"/system/types/NodeInfo\",\n"), node);
        assertTrue(node.contains("\n    \"hostname\": \"web01\",\n"), node);
        assertTrue(node.contains("\n    \"account\": {\n      \"$ref\": \"/ops/deploy\"\n    }"), node);
        assertFalse(files.get("tree/ops/check.json").contains("print"), "the JSON leaves the source to the .kjf file");
    }

    @Test
    void aFieldChangeIsOneCommitThatChangesThatLineAndTheTimestamp() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP);
            String old = files().get("tree/ops/web01.json");
            long commits = commitCount();
            StoreFlows.run(store, "[2222 >> /ops/web01.port]");
            assertEquals(commits + 1, commitCount());
            List<String> changed = changedLines(old, files().get("tree/ops/web01.json"));
            assertEquals(2, changed.size(), changed.toString());
            assertTrue(changed.get(0).contains("\"port\": 2222"), changed.toString());
            assertTrue(changed.get(1).contains("\"updated\""), changed.toString());
        }
    }

    @Test
    void movingAnObjectRewritesTheReferencesToIt() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP + " -> [acc.rename: 'deployer']");
        }
        assertTrue(files().get("tree/ops/web01.json").contains("\"$ref\": \"/ops/deployer\""));
        try (GitStore store = open()) {
            assertEquals("/ops/deployer\n", StoreFlows.run(store, "print(/ops/web01.account)"));
        }
    }

    @Test
    void aBranchMovedBySomeoneElseRefusesTheWriteAndChangesNothing() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP);
            try (Git git = Git.open(dir.toFile())) {
                git.commit().setAllowEmpty(true).setMessage("someone else").setAuthor("someone", "someone@example.com").call();
            }
            String before = dump(store);
            StoreException refused = assertThrows(StoreException.class, () -> store.write("change",
                    tx -> tx.create(tx.root().id(), "x", tx.root().typeId(), null, "root", Map.of())));
            assertTrue(refused.getMessage().contains("was changed by someone else"), refused.getMessage());
            assertEquals(before, dump(store));
        }
    }

    @Test
    void aBrokenFileIsReportedWithItsPath() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP);
        }
        try (Git git = Git.open(dir.toFile())) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
            Files.writeString(dir.resolve("tree/ops/web01.json"), "{ \"id\": 1000, \"type\": ");
            git.add().addFilepattern("tree").call();
            git.commit().setMessage("broken by hand").call();
        }
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("tree/ops/web01.json: not valid JSON"), e.getMessage());
    }

    @Test
    void flowsAddedByHandBecomeJobflowObjects() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP);
        }
        try (Git git = Git.open(dir.toFile())) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
            Files.createDirectories(dir.resolve("tree/ops/extra"));
            Files.writeString(dir.resolve("tree/ops/extra/hello.kjf"), "print('hello from a reviewed flow')\n");
            git.add().addFilepattern("tree").call();
            git.commit().setMessage("a new flow").call();
        }
        try (GitStore store = open()) {
            assertEquals("hello from a reviewed flow\nJobflow Directory\n",
                    StoreFlows.run(store, "[/ops/extra/hello] -> print(/ops/extra/hello.type_name, /ops/extra.type_name)"));
        }
    }

    @Test
    void aStoreOpenedOnATagShowsThatRevisionReadOnly() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP);
            try (Git git = Git.open(dir.toFile())) {
                git.tag().setName("release-1").call();
            }
            StoreFlows.run(store, "[9999 >> /ops/web01.port]");
        }
        try (GitStore tagged = GitStore.open(dir, GitStoreOptions.defaults().withBranch("release-1"))) {
            assertTrue(tagged.isReadOnly());
            assertEquals("22\n", StoreFlows.run(tagged, "print(/ops/web01.port)"));
            StoreException refused = assertThrows(StoreException.class, () -> tagged.write("change",
                    tx -> tx.create(tx.root().id(), "x", tx.root().typeId(), null, "root", Map.of())));
            assertTrue(refused.getMessage().contains("which cannot change: open a branch to write"), refused.getMessage());
        }
        try (GitStore main = open()) {
            assertFalse(main.isReadOnly());
            assertEquals("9999\n", StoreFlows.run(main, "print(/ops/web01.port)"));
        }
    }

    @Test
    void theCheckReportsFlowsThatDoNotCompileAndFieldsTheirTypeRefuses() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP + " -> [\"print(\" >> /ops/check.source]");
            store.write("a field the type does not declare", tx -> {
                StoredObject node = tx.get("/ops/web01").orElseThrow();
                return tx.update(node.id(), dev.kompira.core.store.ObjectUpdate.fields(Map.of("colour", dev.kompira.core.value.StringValue.of("red"))));
            });
            StoreCheck.Report report = StoreCheck.run(store, java.time.ZoneOffset.UTC);
            assertEquals(2, report.problems().size(), report.problems().toString());
            assertTrue(report.problems().get(0).startsWith("tree/ops/web01.json: error: field 'colour' is not declared by its type /system/types/NodeInfo")
                    || report.problems().get(1).startsWith("tree/ops/web01.json: error: field 'colour'"), report.problems().toString());
            assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("tree/ops/check.kjf:1:7: error: ")), report.problems().toString());
        }
    }

    @Test
    void channelTrafficIsRuntimeStateThatOutlivesTheStoreWithoutCommits() throws Exception {
        try (GitStore store = open()) {
            StoreFlows.run(store, SETUP + " -> [./.add: 'box', /system/types/Channel]");
            long commits = commitCount();
            StoreFlows.run(store, "[/box.send: 'one'] -> [/box.send: {n = 2}] -> [/box.send: 'three'] -> [/box.pop_message: 0]");
            assertEquals(commits, commitCount(), "queue traffic makes no commits");
            assertFalse(files().get("tree/box.json").contains("message_queue"), files().get("tree/box.json"));
        }
        try (GitStore store = open()) {
            assertEquals("2 {n=2}\n", StoreFlows.run(store, "print(/box.message_count, /box.pop_message())"));
        }
        try (GitStore store = open()) {
            assertEquals("1 [4, 'four']\n", StoreFlows.run(store, "[/box.send: 'four'] -> [/box.pop_message: 0] -> print(/box.message_count, /box.peek_message(-1))"));
        }
    }

    private GitStore open() {
        return GitStore.open(dir, GitStoreOptions.defaults());
    }


    private static String dump(ObjectStore store) {
        return store.read(tx -> {
            StringBuilder out = new StringBuilder();
            List<StoredObject> all = new ArrayList<>(tx.descendants(tx.root().id()));
            all.add(0, tx.root());
            for (StoredObject o : all) {
                out.append(o.id()).append(' ').append(o.path()).append(" type=").append(o.typeId()).append(' ')
                        .append(o.displayName()).append('|').append(o.description()).append('|').append(o.owner()).append(' ')
                        .append(o.created()).append(' ').append(o.updated()).append(' ')
                        .append(Rendering.nested(o.userPermissions())).append(' ');
                o.fields().forEach((k, v) -> out.append(k).append('=').append(v == null ? "null" : v.typeName() + ":" + Rendering.nested(v)).append(' '));
                out.append('\n');
            }
            return out.toString();
        });
    }

    private Map<String, String> files() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Repository repo = Git.open(dir.toFile()).getRepository(); TreeWalk walk = new TreeWalk(repo)) {
            ObjectId head = repo.resolve(Constants.HEAD);
            walk.addTree(repo.parseCommit(head).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                files.put(walk.getPathString(), new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private long commitCount() throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            long n = 0;
            for (RevCommit ignored : git.log().call()) {
                n++;
            }
            return n;
        }
    }

    private static List<String> changedLines(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : null;
            String y = i < b.size() ? b.get(i) : null;
            if (!java.util.Objects.equals(x, y)) {
                changed.add(y);
            }
        }
        return changed;
    }
}
