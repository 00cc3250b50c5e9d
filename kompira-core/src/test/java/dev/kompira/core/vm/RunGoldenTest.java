package dev.kompira.core.vm;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.dsl.testing.Golden;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file tests of the engine: each {@code run/NAME.kjf} runs as a real process (commands through
 * the real local transport) and its console plus a final {@code -- STATE exit} line must equal
 * {@code run/NAME.out}. {@code run-errors/} holds one flow per run-time error of language.md §14.3;
 * {@code run-corpus/} gets the front-end corpus flows that need no objects, hosts or concurrency
 * (copied by the build; their expected outputs live here). Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class RunGoldenTest {

    @TestFactory
    Stream<DynamicTest> everyFlowPrintsItsExpectedConsole() {
        return Golden.tests("run", "out", input -> run(input.name(), input.text()));
    }

    @TestFactory
    Stream<DynamicTest> corpusFlowsThatNeedNoObjectsOrHostsRun() {
        return Golden.tests("run-corpus", "out", input -> run(input.name(), input.text()));
    }

    @TestFactory
    Stream<DynamicTest> everyRunTimeErrorEndsTheProcessWithItsDiagnostic() {
        return Golden.tests("run-errors", "out", input -> run(input.name(), input.text()));
    }

    /** Runs {@code text} to completion and returns its console and outcome. */
    static String run(String name, String text) {
        StringBuilder console = new StringBuilder();
        // one carrier thread: children that do not wait run one after the other, so their console lines do not interleave
        try (Kompira kompira = Kompira.builder().zone(ZoneId.of("Asia/Tokyo")).carrierThreads(1)
                .console((pid, output) -> {
                    synchronized (console) {
                        console.append(output);
                    }
                }).build()) {
            ProcessOutcome outcome = kompira.start(kompira.compile(name, text), Map.of()).await(Duration.ofSeconds(30));
            synchronized (console) {
                return console + "-- " + outcome.state() + " " + outcome.exitStatus() + "\n";
            }
        } catch (FlowCompileException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError("running " + name + " failed: " + e, e);
        }
    }
}
