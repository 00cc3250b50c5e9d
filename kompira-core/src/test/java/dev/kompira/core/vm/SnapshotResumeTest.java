package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.store.MemoryStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The execution model's proof (ARCHITECTURE.md §3): a process paused in the middle of a nested
 * loop is serialized to JSON, restored into a new engine and resumed, and its whole output equals
 * that of an uninterrupted run — including shared and cyclic containers, block scopes, loop
 * positions and status variables.
 */
class SnapshotResumeTest {

    private static final String FLOW = String.join("\n",
            "| rounds = 3 |",
            "[log = [], shared = {seen = 0}] ->",
            "[alias = shared, cycle = [1]] -> [cycle >> cycle[0]] ->",
            "{ for i in rounds |",
            "    { label = 'round $i' |",
            "        [j = 0] ->",
            "        { while j < 3 |",
            "            [(shared.seen + 1) >> alias.seen] ->",
            "            [log.add_item: '$label/$j'] ->",
            "            ['echo $i$j'] ->",
            "            { if i == 1 and j == 1 | suspend() } ->",
            "            print(label, j, $RESULT, alias.seen, 2.5 * j, b'\\x00', r'x'i, cycle) ->",
            "            [j = j + 1]",
            "        }",
            "    }",
            "} ->",
            "print(log, shared)");

    @Test
    void aProcessPausedInANestedLoopResumesInANewEngineWithTheSameOutput() throws Exception {
        String uninterrupted = runWithoutPause();

        StringBuilder first = new StringBuilder();
        String snapshot;
        try (Kompira engine = engine(first)) {
            JobflowProcess p = engine.start(engine.compile("loop.kjf", FLOW), Map.of());
            waitUntilSuspended(p);
            snapshot = engine.snapshot(p);
        }
        assertTrue(new ObjectMapper().readTree(snapshot).path("frames").size() >= 4, snapshot);

        StringBuilder second = new StringBuilder();
        try (Kompira engine = engine(second)) {
            JobflowProcess restored = engine.restore(snapshot);
            assertEquals(ProcessState.SUSPENDED, restored.state());
            restored.resume();
            ProcessOutcome outcome = restored.await(Duration.ofSeconds(30));
            assertEquals(ProcessState.DONE, outcome.state());
        }
        assertEquals(uninterrupted, first.toString() + second);
    }

    @Test
    void objectsAndChannelsInVariablesSurviveTheSnapshot() throws Exception {
        String flow = String.join("\n",
                "[home = ./.add('work', /system/types/Directory)] -> [box = ./.add('box', /system/types/Channel)] ->",
                "[c = channel()] -> [pair = [c, c]] -> suspend() ->",
                "print(home, home.type_name, pair[0] == pair[1]) ->",
                "[box.send: 'to the object'] -> <box> -> print($RESULT) ->",
                "[c.send: 'to memory'] -> <pair[1]> -> print($RESULT, c, channel())");
        MemoryStore store = new MemoryStore();
        StringBuilder first = new StringBuilder();
        String snapshot;
        try (Kompira engine = engine(first, store)) {
            JobflowProcess p = engine.start(engine.compile("refs.kjf", flow), Map.of());
            waitUntilSuspended(p);
            snapshot = engine.snapshot(p);
        }

        StringBuilder second = new StringBuilder();
        try (Kompira engine = engine(second, store)) {
            JobflowProcess restored = engine.restore(snapshot);
            restored.resume();
            assertEquals(ProcessState.DONE, restored.await(Duration.ofSeconds(30)).state(), second.toString());
        }
        assertEquals("/work Directory true\nto the object\nto memory <channel #1> <channel #2>\n", second.toString());
    }

    @Test
    void aRunningProcessCannotBeSaved() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Kompira engine = engine(out)) {
            JobflowProcess p = engine.start(engine.compile("sleep.kjf", "sleep(5)"), Map.of());
            assertThrows(IllegalStateException.class, () -> engine.snapshot(p));
        }
    }

    private static String runWithoutPause() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Kompira engine = engine(out)) {
            JobflowProcess p = engine.start(engine.compile("loop.kjf", FLOW), Map.of());
            waitUntilSuspended(p);
            p.resume();
            assertEquals(ProcessState.DONE, p.await(Duration.ofSeconds(30)).state());
        }
        return out.toString();
    }

    private static void waitUntilSuspended(JobflowProcess p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (p.state() != ProcessState.SUSPENDED) {
            assertTrue(System.nanoTime() < deadline, "the process did not suspend itself");
            Thread.sleep(5);
        }
    }

    private static Kompira engine(StringBuilder out) {
        return engine(out, new MemoryStore());
    }

    private static Kompira engine(StringBuilder out, MemoryStore store) {
        return Kompira.builder().store(store).console((pid, text) -> {
            synchronized (out) {
                out.append(text);
            }
        }).build();
    }
}
