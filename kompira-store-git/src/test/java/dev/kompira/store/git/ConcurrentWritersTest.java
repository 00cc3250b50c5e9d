package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.object.TreeInitializer;
import dev.kompira.core.process.ProcessOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 50 processes updating fields of overlapping objects: no update lost, one linear history. */
class ConcurrentWritersTest {

    @TempDir
    Path dir;

    @Test
    void fiftyProcessesWritingOverlappingObjectsMakeOneCommitEachInALinearHistory() throws Exception {
        String before;
        String after;
        try (GitStore store = GitStore.open(dir, GitStoreOptions.defaults())) {
            TreeInitializer.initialise(store, ZoneOffset.UTC);
            try (Kompira engine = Kompira.builder().store(store).carrierThreads(4).build()) {
                run(engine, "{ for i in 5 | [./.add: 'n$i', /system/types/NodeInfo, {hostname = 'n$i'}] }");
                before = store.headCommit().orElseThrow();
                run(engine, "[nodes = [/n0, /n1, /n2, /n3, /n4]] -> { pfor p in 50 | { for k in 10 |"
                        + " [p * 100 + k >> nodes[p % 5].port] -> ['p$p k$k' >> nodes[(p + k) % 5].description] } }");
                after = store.headCommit().orElseThrow();
            }
        }
        try (Git git = Git.open(dir.toFile())) {
            int commits = 0;
            RevCommit last = null;
            for (RevCommit c : git.log().addRange(git.getRepository().resolve(before), git.getRepository().resolve(after)).call()) {
                assertEquals(1, c.getParentCount(), "a merge in the history");
                commits++;
                last = last == null ? c : last;
            }
            assertEquals(50 * 10 * 2, commits, "one commit per update, none lost or merged");
            assertEquals(after, last.name());
        }
    }

    private static void run(Kompira engine, String flow) throws Exception {
        ProcessOutcome outcome = engine.start(engine.compile("writers.kjf", flow), Map.of()).await(Duration.ofSeconds(120));
        assertTrue(outcome.isDone(), outcome.toString());
    }
}
