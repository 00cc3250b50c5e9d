package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.RuntimeFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a process ended, as values: the failure of an abnormal end and the SUSPENDED state (language.md §10.3, §12). */
class ProcessOutcomeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Kompira kompira = Kompira.builder().build();

    @AfterEach
    void close() {
        kompira.close();
    }

    private ProcessOutcome run(String name, String source) throws Exception {
        return kompira.start(kompira.compile(name, source), Map.of()).await(WAIT);
    }

    @Test
    void aRunTimeErrorIsAFailureWithItsCodeLocationAndCallers() throws Exception {
        run("setup.kjf", "[./.add: 'lib', /system/types/Jobflow, {source = \"print('in lib') ->\\n  [x = [1][5]]\"}]");
        ProcessOutcome outcome = run("main.kjf", "print('start') ->\n[./lib]");
        RuntimeFailure failure = outcome.failure();
        assertEquals(RuntimeFailure.Kind.ERROR, failure.kind());
        assertEquals(ErrorCode.R_INDEX, failure.code());
        assertEquals(new RuntimeFailure.Location("/lib", 2, 8), failure.location());
        assertEquals(List.of(new RuntimeFailure.Location("main.kjf", 2, 1)), failure.callStack());
        assertEquals("/lib:2:8: index 5 out of range (length 1)\n  called from main.kjf:2:1", failure.diagnostic());
    }

    @Test
    void aFailedJobThatStopsTheFlowIsAFailureWithTheJobsStatus() throws Exception {
        ProcessOutcome outcome = run("forced.kjf", "print(1) -> ['exit 3'] -> print(2)");
        assertEquals(3, outcome.exitStatus());
        assertEquals(RuntimeFailure.Kind.FAILED_JOB, outcome.failure().kind());
        assertNull(outcome.failure().code());
        assertEquals(new RuntimeFailure.Location("forced.kjf", 1, 13), outcome.failure().location());
        assertEquals("job failed with status 3", outcome.failure().message());
    }

    @Test
    void abortAssertAndTerminateAreFailuresOfTheirOwnKinds() throws Exception {
        assertEquals(RuntimeFailure.Kind.ABORT, run("a.kjf", "abort('no')").failure().kind());
        assertEquals(RuntimeFailure.Kind.ASSERTION, run("b.kjf", "assert(1 == 2)").failure().kind());
        JobflowProcess p = kompira.start(kompira.compile("c.kjf", "print(1) ->\nsleep(60)"), Map.of());
        while (p.state() != ProcessState.WAITING) {
            Thread.sleep(5);
        }
        p.terminate();
        RuntimeFailure terminated = p.await(WAIT).failure();
        assertEquals(RuntimeFailure.Kind.TERMINATED, terminated.kind());
        assertEquals(new RuntimeFailure.Location("c.kjf", 2, 1), terminated.location());
    }

    @Test
    void aProcessThatEndsDoneOrByExitHasNoFailure() throws Exception {
        assertNull(run("ok.kjf", "print(1)").failure());
        ProcessOutcome exited = run("exit.kjf", "exit(4)");
        assertEquals(ProcessState.ABORTED, exited.state());
        assertNull(exited.failure());
    }

    @Test
    void aSuspendedProcessSaysSoInItsStateAndResumes() throws Exception {
        JobflowProcess p = kompira.start(kompira.compile("s.kjf", "suspend() -> print('resumed')"), Map.of());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.state() != ProcessState.SUSPENDED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(ProcessState.SUSPENDED, p.state());
        p.resume();
        assertEquals(ProcessState.DONE, p.await(WAIT).state());
    }
}
