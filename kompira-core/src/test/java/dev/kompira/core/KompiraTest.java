package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine API: starting processes, parameters, waiting without threads, console, control, closing. */
class KompiraTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StringBuffer console = new StringBuffer();

    private Kompira engine(int carriers) {
        return Kompira.builder().carrierThreads(carriers).console((pid, text) -> console.append(text)).build();
    }

    @Test
    void parametersAreBoundInOrderAndDefaultsSeeEarlierParameters() throws Exception {
        try (Kompira k = engine(1)) {
            CompiledFlow flow = k.compile("p.kjf", "| host |\n| port = 22 |\n| url = '$host:$port' |\nreturn(url)");
            Map<String, Value> params = new LinkedHashMap<>();
            params.put("host", k.parameterValue("host", "'web01'"));
            assertEquals(StringValue.of("web01:22"), k.start(flow, params).await(WAIT).result());
            params.put("port", k.parameterValue("port", "2200 + 22"));
            assertEquals(StringValue.of("web01:2222"), k.start(flow, params).await(WAIT).result());
        }
    }

    @Test
    void anUnknownParameterEndsTheProcessWithRParam() throws Exception {
        try (Kompira k = engine(1)) {
            ProcessOutcome outcome = k.start(k.compile("p.kjf", "| a = 1 |\nprint(a)"),
                    Map.of("b", IntegerValue.ONE)).await(WAIT);
            assertEquals(ProcessState.ABORTED, outcome.state());
            assertEquals(StringValue.of("jobflow p.kjf has no parameter 'b'"), outcome.error());
        }
    }

    @Test
    void aFlowWithCompileErrorsIsRejectedWithItsDiagnostics() {
        try (Kompira k = engine(1)) {
            FlowCompileException e = assertThrows(FlowCompileException.class, () -> k.compile("bad.kjf", "print(x)"));
            assertTrue(e.getMessage().startsWith("bad.kjf:1:7: error: undefined variable 'x'"), e.getMessage());
        }
    }

    @Test
    void aProcessWaitingForACommandHoldsNoCarrierThread() throws Exception {
        try (Kompira k = engine(1)) {
            JobflowProcess slow = k.start(k.compile("slow.kjf", "['sleep 2'] -> print('slow done')"), Map.of());
            awaitState(slow, ProcessState.WAITING);
            ProcessOutcome quick = k.start(k.compile("quick.kjf", "print('quick done')"), Map.of()).await(WAIT);
            assertTrue(quick.isDone());
            assertFalse(slow.state().isFinished(), "the quick process finished while the slow one still waited");
            assertTrue(slow.await(WAIT).isDone());
            assertEquals("quick done\nslow done\n", console.toString());
        }
    }

    @Test
    void sleepingProcessesCostNoThreads() throws Exception {
        try (Kompira k = engine(1)) {
            CompiledFlow flow = k.compile("nap.kjf", "sleep(1) -> print('awake')");
            int before = kompiraThreads();
            List<JobflowProcess> processes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                processes.add(k.start(flow, Map.of()));
            }
            for (JobflowProcess p : processes) {
                awaitState(p, ProcessState.WAITING);
            }
            // the engine's timer runs from its start (schedules look on it): the one carrier is all 500 sleepers add
            assertTrue(kompiraThreads() <= before + 1, "threads grew from " + before + " to " + kompiraThreads());
            for (JobflowProcess p : processes) {
                assertTrue(p.await(WAIT).isDone());
            }
        }
    }

    @Test
    void terminatingAWaitingProcessEndsItAborted() throws Exception {
        try (Kompira k = engine(1)) {
            JobflowProcess p = k.start(k.compile("nap.kjf", "sleep(60) -> print('never')"), Map.of());
            awaitState(p, ProcessState.WAITING);
            p.terminate();
            ProcessOutcome outcome = p.await(WAIT);
            assertEquals(ProcessState.ABORTED, outcome.state());
            assertEquals(1, outcome.exitStatus());
            assertEquals(StringValue.of("terminated"), outcome.error());
            assertEquals("", console.toString());
        }
    }

    @Test
    void terminatingABusyProcessStopsItAtTheNextJob() throws Exception {
        try (Kompira k = engine(1)) {
            JobflowProcess p = k.start(k.compile("busy.kjf", "[n = 0] -> { while true | [n = n + 1] }"), Map.of());
            awaitState(p, ProcessState.RUNNING);
            p.terminate();
            assertEquals(ProcessState.ABORTED, p.await(WAIT).state());
        }
    }

    @Test
    void theConsoleKeptWithAProcessIsBoundedButListenersGetEverything() throws Exception {
        try (Kompira k = engine(1)) {
            JobflowProcess p = k.start(k.compile("big.kjf", "{ for i in 2000 | print('0123456789' * 5) }"), Map.of());
            p.await(WAIT);
            assertEquals(65_536, p.console().length());
            assertEquals(2000 * 51, console.length());
        }
    }

    @Test
    void showCommandsEchoesEachCommandBeforeItRuns() throws Exception {
        try (Kompira k = Kompira.builder().showCommands(true).console((pid, text) -> console.append(text)).build()) {
            k.start(k.compile("echo.kjf", "['echo hi'] -> print($RESULT)"), Map.of()).await(WAIT);
        }
        assertEquals("[" + System.getProperty("user.name") + "@localhost]$ echo hi\nhi\n", console.toString());
    }

    @Test
    void closingTheEngineStopsItsThreads() throws Exception {
        Set<Thread> before = kompiraThreadSet();
        Kompira k = engine(2);
        k.start(k.compile("nap.kjf", "sleep(60)"), Map.of());
        k.start(k.compile("cmd.kjf", "['sleep 60']"), Map.of());
        k.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!before.containsAll(kompiraThreadSet()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Set<Thread> left = kompiraThreadSet();
        left.removeAll(before);
        assertEquals(Set.of(), left);
    }

    private static Set<Thread> kompiraThreadSet() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kompira-"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static int kompiraThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kompira-")).count();
    }

    private static void awaitState(JobflowProcess p, ProcessState state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.state() != state) {
            assertTrue(System.nanoTime() < deadline, "process " + p.pid() + " never reached " + state);
            Thread.sleep(2);
        }
    }

    @Test
    void envComesFromTheEnvironmentObjectWhenOneIsConfigured() throws Exception {
        try (Kompira k = Kompira.builder().environmentObject("/env").environment(Map.of("FROM", "builder"))
                .console((pid, text) -> console.append(text)).build()) {
            k.start(k.compile("e.kjf", "print($ENV)"), Map.of()).await(WAIT);
            k.start(k.compile("add.kjf", "[./.add: 'env', /system/types/Environment, {environment = {FROM = 'object', __host__ = ''}}]"),
                    Map.of()).await(WAIT);
            k.start(k.compile("e.kjf", "print($ENV.FROM) -> ['x' >> $ENV.FROM] -> print($ENV.FROM)"), Map.of()).await(WAIT);
            k.start(k.compile("e.kjf", "print($ENV.FROM)"), Map.of()).await(WAIT);
        }
        assertEquals("{FROM='builder'}\nobject\nx\nobject\n", console.toString());
    }
}
