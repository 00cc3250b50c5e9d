package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.CheckpointRecord;
import dev.kompira.core.process.CheckpointStore;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.store.MemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint mode across engines in one JVM (language.md §12.7): an engine that is closed keeps the
 * last checkpoints of its processes, and the next engine on the same stores resumes them — in their
 * own folder, suspended where they were suspended, with what their messages held — and resumes the
 * others when one saved record cannot be read. The crash matrix with SIGKILL is in kompira-store-git.
 */
class DurableProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MemoryStore objects = new MemoryStore();
    private final StringBuffer console = new StringBuffer();

    private Kompira engine(CheckpointStore checkpoints) {
        return Kompira.builder().store(objects).checkpoints(checkpoints).console((pid, text) -> console.append(text)).build();
    }

    private static void await(JobflowProcess p, ProcessState state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(state, p.state());
    }

    private static JobflowProcess only(Kompira k) {
        List<JobflowProcess> resumed = k.processes(ProcessQuery.all());
        assertEquals(1, resumed.size(), resumed.toString());
        return resumed.get(0);
    }

    @Test
    void aJobflowObjectResumesInItsOwnFolder() throws Exception {
        DirectoryCheckpointStore checkpoints = new DirectoryCheckpointStore(dir);
        try (Kompira k = engine(checkpoints)) {
            k.objects().createDirectories("/lib");
            k.objects().create("/lib/settings", "Environment", Map.of("environment", Map.of("greeting", "hi")));
            k.objects().createJobflow("/lib/f", "print('before') -> sleep(0.5) -> print(./settings.environment['greeting'], ./.name)");
            JobflowProcess p = k.start("/lib/f", Map.of(), StartOptions.DEFAULT.withCheckpointMode(true));
            await(p, ProcessState.WAITING);
        }
        try (Kompira k = engine(checkpoints)) {
            ProcessOutcome outcome = only(k).await(WAIT);
            assertTrue(outcome.isDone(), console.toString());
        }
        assertEquals("before\nhi lib\n", console.toString());
    }

    @Test
    void aJobflowsDefaultCheckpointModeAppliesWhereTheEngineCanSaveAndAStartMayOverrideIt() throws Exception {
        String flow = "print(current().checkpoint_mode)";
        try (Kompira k = engine(new DirectoryCheckpointStore(dir))) {
            k.objects().createJobflow("/f", flow);
            k.objects().setField("/f", "defaultCheckpointMode", true);
            assertTrue(k.start("/f", Map.of(), StartOptions.DEFAULT).await(WAIT).isDone());
            assertTrue(k.start("/f", Map.of(), StartOptions.DEFAULT.withCheckpointMode(false)).await(WAIT).isDone());
        }
        try (Kompira k = engine(null)) {
            assertTrue(k.start("/f", Map.of(), StartOptions.DEFAULT).await(WAIT).isDone(), "no checkpoint store: the default is ignored");
            assertThrows(IllegalStateException.class, () -> k.start("/f", Map.of(), StartOptions.DEFAULT.withCheckpointMode(true)));
        }
        assertEquals("true\nfalse\nfalse\n", console.toString());
    }

    @Test
    void aSuspendedProcessComesBackSuspended() throws Exception {
        DirectoryCheckpointStore checkpoints = new DirectoryCheckpointStore(dir);
        try (Kompira k = engine(checkpoints)) {
            JobflowProcess p = k.start(k.compile("s.kjf", "print(1) -> suspend() -> print(2)"), Map.of(),
                    StartOptions.DEFAULT.withCheckpointMode(true));
            await(p, ProcessState.SUSPENDED);
        }
        try (Kompira k = engine(checkpoints)) {
            JobflowProcess p = only(k);
            assertEquals(ProcessState.SUSPENDED, p.state());
            p.resume();
            assertTrue(p.await(WAIT).isDone());
            assertEquals("1\n2\n", p.console());
        }
    }

    @Test
    void aResumedProcessKeepsItsNullsItsChildrensParentAndNeitherPidsNorChannelsAreGivenAgain() throws Exception {
        DirectoryCheckpointStore checkpoints = new DirectoryCheckpointStore(dir);
        String flow = String.join("\n",
                "[n = null, old = channel()] -> { pfor i in 3 | [x = i] } -> [kids = $RESULT] -> suspend() ->",
                "[ch = channel()] -> { fork | [y = 1] } ->",
                "print(n == null, kids[0].parent == current(), ch == old, $RESULT[0].id > kids[2].id)");
        try (Kompira k = engine(checkpoints)) {
            await(k.start(k.compile("numbers.kjf", flow), Map.of(), StartOptions.DEFAULT.withCheckpointMode(true)),
                    ProcessState.SUSPENDED);
        }
        try (Kompira k = engine(checkpoints)) {
            // the pfor's children, pids 2 to 4, come back too, as processes that have ended: kids holds them
            JobflowProcess p = k.process(1).orElseThrow();
            p.resume();
            assertTrue(p.await(WAIT).isDone(), p.console());
            assertEquals("true true false true\n", p.console());
        }
        assertEquals(List.of(), new DirectoryCheckpointStore(dir).records(), "records left behind");
    }

    @Test
    void aMessageHoldingAProcessKeepsItAcrossEngines() throws Exception {
        DirectoryCheckpointStore checkpoints = new DirectoryCheckpointStore(dir);
        try (Kompira k = engine(checkpoints)) {
            k.start(k.compile("send.kjf", String.join("\n",
                    "[./.add: 'box', /system/types/Channel] ->",
                    "{ fork | exit(3, 'child result') } =>",
                    "[./box.send: $RESULT[0]]")), Map.of()).await(WAIT);
        }
        try (Kompira k = engine(checkpoints)) {
            ProcessOutcome outcome = k.start(k.compile("receive.kjf",
                    "<./box: 1> -> print($RESULT.exit_status, $RESULT.result, $RESULT.status)"), Map.of()).await(WAIT);
            assertTrue(outcome.isDone(), console.toString());
        }
        assertEquals("3 child result ABORTED\n", console.toString());
    }

    @Test
    void aSavedRecordThatCannotBeReadIsReportedAndTheOthersResume() throws Exception {
        DirectoryCheckpointStore checkpoints = new DirectoryCheckpointStore(dir);
        try (Kompira k = engine(checkpoints)) {
            JobflowProcess p = k.start(k.compile("ok.kjf", "sleep(0.3) -> print('resumed')"), Map.of(),
                    StartOptions.DEFAULT.withCheckpointMode(true));
            await(p, ProcessState.WAITING);
        }
        String saved = Files.readString(dir.resolve("process-1.json"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("process-7.json"), saved.substring(0, saved.length() / 2), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("process-8.json"), saved.replace("\"format\":2", "\"format\":1"), StandardCharsets.UTF_8);
        try (Kompira k = engine(checkpoints)) {
            List<String> refused = k.notResumed();
            assertEquals(2, refused.size(), refused.toString());
            assertTrue(refused.get(0).startsWith("process-7.json in " + dir + ": not a process snapshot: "), refused.get(0));
            assertTrue(refused.get(1).startsWith("process-8.json in " + dir + ": a process snapshot of format 1, which this version no longer"
                    + " reads"), refused.get(1));
            assertTrue(k.process(1).orElseThrow().await(WAIT).isDone());
        }
        assertEquals("resumed\n", console.toString());
    }

    @Test
    void aCheckpointThatCannotBeWrittenIsReportedOnceAndTheProcessGoesOn() throws Exception {
        DirectoryCheckpointStore real = new DirectoryCheckpointStore(dir);
        AtomicInteger saves = new AtomicInteger();
        CheckpointStore fullDisk = new CheckpointStore() {
            @Override
            public void save(long pid, String state) throws IOException {
                if (saves.incrementAndGet() > 2) {
                    throw new IOException("No space left on device");
                }
                real.save(pid, state);
            }

            @Override
            public void remove(long pid) throws IOException {
                real.remove(pid);
            }

            @Override
            public List<CheckpointRecord> records() throws IOException {
                return real.records();
            }
        };
        try (Kompira k = engine(fullDisk)) {
            ProcessOutcome outcome = k.start(k.compile("full.kjf", "print(1) -> print(2) -> print(3) -> print(4)"), Map.of(),
                    StartOptions.DEFAULT.withCheckpointMode(true)).await(WAIT);
            assertTrue(outcome.isDone());
        }
        assertEquals("1\n2\ncheckpoint not saved: No space left on device\n3\n4\n", console.toString());
    }
}
