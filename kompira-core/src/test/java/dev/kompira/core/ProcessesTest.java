package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.process.StepHandler;
import dev.kompira.core.value.StringValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Processes (language.md §12): children, detach, the process limit, control, step mode, the registry. */
class ProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StringBuffer console = new StringBuffer();

    private Kompira.Builder engine() {
        return Kompira.builder().console((pid, text) -> console.append(text));
    }

    private static ProcessOutcome run(Kompira k, String flow) throws Exception {
        return k.start(k.compile("t.kjf", flow), Map.of()).await(WAIT);
    }

    @Test
    void theActiveCountHasEveryStartedProcessUntilItEndsChildrenIncluded() throws Exception {
        try (Kompira k = engine().build()) {
            assertEquals(0, k.activeProcessCount());
            k.objects().create("/box", "Channel", Map.of());
            JobflowProcess waiting = k.start(k.compile("w.kjf", "{ pfor i in 2 | </box> }"), Map.of());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (k.activeProcessCount() != 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(3, k.activeProcessCount(), "the parent and its two children wait");
            assertTrue(run(k, "[/box.send: 'a'] -> [/box.send: 'b']").isDone());
            assertTrue(waiting.await(WAIT).isDone());
            assertEquals(0, k.activeProcessCount());
        }
    }

    @Test
    void newPidsStartAboveTheGivenOneAndEveryProcessChildrenIncludedIsAnnounced() throws Exception {
        List<Long> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Kompira k = engine().pidsAbove(41).onProcess(p -> announced.add(p.pid())).build()) {
            JobflowProcess parent = k.start(k.compile("t.kjf", "{ pfor i in 2 | print(i) }"), Map.of());
            parent.await(Duration.ofSeconds(10));
            assertEquals(42, parent.pid());
            assertEquals(List.of(42L, 43L, 44L), announced.stream().sorted().toList());
        }
        assertThrows(IllegalArgumentException.class, () -> Kompira.builder().pidsAbove(-1));
    }

    @Test
    void aDetachedChildIsNotWaitedForNorCountedButStaysInTheResult() throws Exception {
        try (Kompira k = engine().build()) {
            ProcessOutcome outcome = run(k, "{ fork | detach() -> sleep(0.5) -> abort('late') \n print('attached') } -> "
                    + "print(length($RESULT), $STATUS, $RESULT[0].status, $RESULT[0].parent)");
            assertTrue(outcome.isDone());
            assertEquals("attached\n2 0 RUNNING null\n", console.toString().replace("WAITING", "RUNNING"));
        }
    }

    @Test
    void theProcessLimitMakesPforWaitForSlots() throws Exception {
        try (Kompira k = engine().processLimit(3).build()) {
            JobflowProcess parent = k.start(k.compile("t.kjf", "{ pfor i in 12 | sleep(0.05) }"), Map.of());
            int maxActive = 0;
            while (!parent.state().isFinished()) {
                maxActive = Math.max(maxActive, k.processes(ProcessQuery.all().withParent(parent.pid())).stream()
                        .mapToInt(c -> c.state().isFinished() ? 0 : 1).sum());
                Thread.sleep(1);
            }
            assertTrue(maxActive <= 2, "at most two children beside their parent, saw " + maxActive);
            assertEquals(12, parent.children().size());
        }
    }

    @Test
    void suspendingAndTerminatingAParentReachesItsChildren() throws Exception {
        try (Kompira k = engine().build()) {
            JobflowProcess parent = k.start(k.compile("t.kjf",
                    "{ pfor i in 3 | { while true | sleep(0.01) } }"), Map.of());
            while (parent.children().size() < 3) {
                Thread.sleep(5);
            }
            parent.suspend();
            for (JobflowProcess child : parent.children()) {
                assertTrue(child.isSuspended());
            }
            parent.resume();
            for (JobflowProcess child : parent.children()) {
                assertFalse(child.isSuspended());
            }
            parent.terminate();
            parent.terminate();
            assertEquals(ProcessState.ABORTED, parent.await(WAIT).state());
            for (JobflowProcess child : parent.children()) {
                ProcessOutcome o = child.await(WAIT);
                assertEquals(ProcessState.ABORTED, o.state());
                assertEquals(StringValue.of("terminated"), o.error());
            }
            parent.resume();
            assertEquals(ProcessState.ABORTED, parent.state());
        }
    }

    @Test
    void currentExposesTheProcessToTheFlow() throws Exception {
        try (Kompira k = engine().build()) {
            ProcessOutcome outcome = run(k, "[me = current()] -> "
                    + "print(me.status, me.suspended, me.exit_status, me.parent, me.children, me.lineno, me.step_mode) -> "
                    + "[true >> me.step_mode] -> print(me.step_mode, me == current(), type(me), me.elapsed_time >= timedelta())");
            assertTrue(outcome.isDone(), console.toString());
            assertEquals("RUNNING false null null [] 1 false\ntrue true Process true\n", console.toString());
        }
    }

    @Test
    void theRegistryListsAndFiltersProcesses() throws Exception {
        try (Kompira k = engine().build()) {
            JobflowProcess a = k.start(k.compile("a.kjf", "{ fork | print(1) \n print(2) }"), Map.of());
            a.await(WAIT);
            JobflowProcess b = k.start(k.compile("b.kjf", "exit(2)"), Map.of());
            b.await(WAIT);
            assertEquals(List.of(a.pid(), a.children().get(0).pid(), a.children().get(1).pid(), b.pid()),
                    k.processes(ProcessQuery.all()).stream().map(JobflowProcess::pid).toList());
            assertEquals(List.of(b), k.processes(ProcessQuery.all().withState(ProcessState.ABORTED)));
            assertEquals(2, k.processes(ProcessQuery.all().withParent(a.pid())).size());
            assertEquals(3, k.processes(ProcessQuery.all().withJobflow("a.kjf")).size());
            assertEquals(4, k.processes(ProcessQuery.all().withStarted(a.startedTime(), null)).size());
            a.delete();
            assertEquals(List.of(b), k.processes(ProcessQuery.all()));
            JobflowProcess running = k.start(k.compile("c.kjf", "sleep(10)"), Map.of());
            assertThrows(IllegalStateException.class, running::delete);
        }
    }

    @Test
    void aStepHandlerDecidesEveryCommand() throws Exception {
        List<String> asked = new ArrayList<>();
        StepHandler handler = step -> {
            asked.add(step.line() + " " + step.action());
            StepHandler.StepDecision decision = step.action().endsWith("echo two") ? StepHandler.StepDecision.SKIP
                    : step.action().endsWith("echo three") ? StepHandler.StepDecision.ABORT : StepHandler.StepDecision.RUN;
            return CompletableFuture.supplyAsync(() -> decision);
        };
        try (Kompira k = engine().stepHandler(handler).build()) {
            ProcessOutcome outcome = k.start(k.compile("s.kjf",
                    "['echo one'] -> print([$RESULT]) ->\n['echo two'] -> print([$RESULT, $STATUS]) ->\n['echo three'] -> print('not reached')"),
                    Map.of(), StartOptions.DEFAULT.withStepMode(true)).await(WAIT);
            assertEquals(ProcessState.ABORTED, outcome.state());
            assertEquals(StringValue.of("aborted in step mode"), outcome.error());
            String user = System.getProperty("user.name");
            assertEquals(List.of("1 [" + user + "@localhost]$ echo one", "2 [" + user + "@localhost]$ echo two",
                    "3 [" + user + "@localhost]$ echo three"), asked);
            assertEquals("['one']\n['', 0]\ns.kjf:3:1: aborted in step mode\n", console.toString());
        }
    }

    @Test
    void withoutAStepHandlerAStepSuspendsTheProcessUntilResumed() throws Exception {
        try (Kompira k = engine().build()) {
            JobflowProcess p = k.start(k.compile("s.kjf", "['echo stepped'] -> print($RESULT)"), Map.of(),
                    StartOptions.DEFAULT.withStepMode(true));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (p.state() != ProcessState.SUSPENDED) {
                assertTrue(System.nanoTime() < deadline);
                Thread.sleep(2);
            }
            assertEquals("", console.toString());
            p.resume();
            assertTrue(p.await(WAIT).isDone());
            assertEquals("stepped\n", console.toString());
        }
    }

    @Test
    void liveThreadsAreBackToTheBaselineAfterTenThousandProcesses() throws Exception {
        int baseline = Thread.activeCount();
        try (Kompira k = engine().build()) {
            JobflowProcess p = k.start(k.compile("many.kjf",
                    "[ch = channel()] -> { pfor i in 10000 | { if i % 100 == 0 | ['true'] } -> [ch.send: i] } -> print(ch.message_count)"),
                    Map.of());
            assertTrue(p.await(WAIT).isDone());
            assertEquals("10000\n", console.toString());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Thread.activeCount() > baseline && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Thread.activeCount() <= baseline, Thread.activeCount() + " threads alive, " + baseline + " before");
    }

    @Test
    void waitingOnAChannelThatIsDeletedFailsWithStatusMinusOne() throws Exception {
        try (Kompira k = engine().build()) {
            dev.kompira.core.event.ChannelValue ch = k.newChannel();
            JobflowProcess p = k.start(k.compile("w.kjf", "| ch |\n<ch> ->> print($STATUS, $ERROR)"), Map.of("ch", ch));
            while (p.state() != ProcessState.WAITING) {
                Thread.sleep(2);
            }
            ch.close("channel deleted");
            assertTrue(p.await(WAIT).isDone());
            assertEquals("-1 channel deleted\n", console.toString());
        }
    }

    @Test
    void aCheckpointThatCannotBeSavedIsReportedOnceAndTheProcessGoesOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (Kompira k = engine().checkpoints(new dev.kompira.core.process.DirectoryCheckpointStore(dir)).build()) {
            ProcessOutcome outcome = k.start(k.compile("c.kjf", "{ session s | print(1) -> print(2) }"), Map.of(),
                    StartOptions.DEFAULT.withCheckpointMode(true)).await(WAIT);
            assertTrue(outcome.isDone());
            assertEquals("checkpoint not saved: a process inside a session block cannot be saved: a session cannot be"
                    + " reopened\n1\n2\n", console.toString());
        }
    }

    @Test
    void closingTheEngineKeepsCheckpointsForTheNextEngine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (Kompira k = engine().checkpoints(new dev.kompira.core.process.DirectoryCheckpointStore(dir)).build()) {
            JobflowProcess p = k.start(k.compile("c.kjf", "print(1) -> sleep(0.5) -> print(2)"), Map.of(),
                    StartOptions.DEFAULT.withCheckpointMode(true));
            while (p.state() != ProcessState.WAITING) {
                Thread.sleep(2);
            }
        }
        try (Kompira k = Kompira.builder().checkpoints(new dev.kompira.core.process.DirectoryCheckpointStore(dir)).build()) {
            List<JobflowProcess> resumed = k.processes(ProcessQuery.all());
            assertEquals(1, resumed.size());
            assertTrue(resumed.get(0).await(WAIT).isDone());
            assertEquals("1\n2\n", resumed.get(0).console());
        }
    }

    private static void addJobflow(Kompira k, String name, int multiplicity, String source) {
        k.tree().write("add " + name, tx -> tx.create(tx.root().id(), name, tx.get("/system/types/Jobflow").orElseThrow().id(),
                null, "root", Map.of("source", StringValue.of(source),
                        "multiplicity", dev.kompira.core.value.IntegerValue.of(multiplicity))));
    }

    @Test
    void multiplicityLetsOneInvocationInAtATimeReentrantlyAndReleasesOnTailCalls() throws Exception {
        try (Kompira k = engine().build()) {
            addJobflow(k, "work", 1, "print('enter') -> sleep(0.1) -> print('leave')");
            assertTrue(run(k, "{ pfor i in 3 | [/work] }").isDone());
            assertEquals("enter\nleave\nenter\nleave\nenter\nleave\n", console.toString());

            console.setLength(0);
            addJobflow(k, "rec", 1, "| n |\n{ if n > 0 | [/rec: n - 1] } -> print('level', n)");
            assertTrue(run(k, "[/rec: 2]").isDone());
            assertEquals("level 0\nlevel 1\nlevel 2\n", console.toString());

            console.setLength(0);
            addJobflow(k, "slow", 0, "sleep(0.3) -> print('slow done')");
            addJobflow(k, "front", 1, "print('front') -> [/slow]");
            assertTrue(run(k, "{ pfor i in 2 | [/front] }").isDone());
            assertEquals("front\nfront\nslow done\nslow done\n", console.toString());
        }
    }

    @Test
    void aProcessStartedFromAJobflowObjectWaitsForItsMultiplicity() throws Exception {
        try (Kompira k = engine().build()) {
            addJobflow(k, "only", 1, "print('in') -> sleep(0.2) -> print('out')");
            JobflowProcess a = k.start("/only", Map.of(), StartOptions.DEFAULT);
            JobflowProcess b = k.start("/only", Map.of(), StartOptions.DEFAULT);
            assertTrue(a.await(WAIT).isDone());
            assertTrue(b.await(WAIT).isDone());
            assertEquals("in\nout\nin\nout\n", console.toString());
        }
    }
}
