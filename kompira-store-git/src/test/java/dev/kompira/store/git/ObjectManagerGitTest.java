package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.object.ObjectManager;
import dev.kompira.core.object.WriteRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Kompira.objects()} over a real Git repository: one commit per batch, none for a refused write. */
class ObjectManagerGitTest {

    @TempDir
    Path dir;

    /** Passwords are kept encrypted: the store needs a key to write one. */
    private static final SecretKey KEY = SecretKey.parse("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "test");

    private GitStore open() {
        return GitStore.open(dir, GitStoreOptions.defaults().withSecretKey(KEY));
    }

    private Kompira engine(GitStore store) {
        return Kompira.builder().store(store).carrierThreads(1).build();
    }

    @Test
    void aBatchIsExactlyOneCommitWithItsMessage() throws Exception {
        try (GitStore store = open(); Kompira kompira = engine(store)) {
            ObjectManager objects = kompira.objects();
            objects.exists("/");
            List<String> before = messages();
            objects.batch("add the demo flows", b -> {
                b.createDirectories("/demo/flows");
                b.createAccount("/demo/deploy", "ops", "s3cret");
                b.createNode("/demo/web01", "web01.example", Map.of("port", 22, "account", "/demo/deploy"));
                b.createJobflow("/demo/flows/hello", "print('hello')\n");
            });
            List<String> after = messages();
            assertEquals(before.size() + 1, after.size(), after.toString());
            assertEquals("add the demo flows", after.get(0));

            objects.setField("/demo/web01", "port", 2222);
            assertEquals("set port of /demo/web01", messages().get(0), "a single write is a commit of its own");
        }
        assertEquals("print('hello')\n", Files.readString(checkout().resolve("tree/demo/flows/hello.kjf")));
        try (GitStore store = open(); Kompira kompira = engine(store)) {
            assertEquals(2222L, kompira.objects().get("/demo/web01").javaField("port", Long.class));
            assertEquals("/demo/deploy", kompira.objects().get("/demo/web01").text("account"));
        }
    }

    @Test
    void aRefusedWriteOrBatchLeavesHeadWhereItWas() throws Exception {
        try (GitStore store = open(); Kompira kompira = engine(store)) {
            ObjectManager objects = kompira.objects();
            objects.createDirectories("/demo");
            String head = store.headCommit().orElseThrow();

            WriteRefusedException sauce = assertThrows(WriteRefusedException.class,
                    () -> objects.create("/demo/hello", "Jobflow", Map.of("source", "print(1)", "sauce", "tomato")));
            assertEquals("/demo/hello: field 'sauce' is not declared by its type /system/types/Jobflow", sauce.getMessage());
            WriteRefusedException broken = assertThrows(WriteRefusedException.class, () -> objects.createJobflow("/demo/broken", "print(1"));
            assertTrue(broken.getMessage().contains("/demo/broken:1:"), broken.getMessage());
            assertThrows(WriteRefusedException.class, () -> objects.batch("half", b -> {
                b.createDirectories("/demo/flows");
                b.createJobflow("/demo/flows/good", "print(1)");
                b.createNode("/demo/web01", "web01", Map.of("port", 70000));
            }));

            assertEquals(head, store.headCommit().orElseThrow());
            assertFalse(objects.exists("/demo/flows"));
            assertFalse(objects.exists("/demo/hello"));
        }
    }

    @Test
    void aDraftIsCommittedAndTheStoreCheckStillReportsIt() throws Exception {
        try (GitStore store = open(); Kompira kompira = engine(store)) {
            kompira.objects().createJobflowDraft("/draft", "print(1");
            StoreCheck.Report report = StoreCheck.run(store, ZoneOffset.UTC);
            assertEquals(1, report.problems().size(), report.problems().toString());
            assertTrue(report.problems().get(0).startsWith("tree/draft.kjf:1:"), report.problems().toString());
        }
    }

    /** The first lines of the commit messages of the branch, newest first. */
    private List<String> messages() throws Exception {
        List<String> messages = new ArrayList<>();
        try (Git git = Git.open(dir.toFile())) {
            for (RevCommit c : git.log().call()) {
                messages.add(c.getShortMessage());
            }
        }
        return messages;
    }

    /** Checks the branch out into the working tree, which the store never touches, to read its files. */
    private Path checkout() throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
        }
        return dir;
    }
}
