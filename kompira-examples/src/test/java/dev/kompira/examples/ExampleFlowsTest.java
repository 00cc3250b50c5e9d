package dev.kompira.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.StringValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example flows of {@code kompira-examples/flows} run on the local machine as the README shows. */
class ExampleFlowsTest {

    private static final Path FLOWS = Path.of("flows");

    private final StringBuffer console = new StringBuffer();

    private ProcessOutcome run(String file, Map<String, String> params) throws Exception {
        try (Kompira kompira = Kompira.builder().console((pid, text) -> console.append(text)).build()) {
            Map<String, dev.kompira.core.value.Value> values = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> p : params.entrySet()) {
                values.put(p.getKey(), kompira.parameterValue(p.getKey(), p.getValue()));
            }
            return kompira.start(kompira.compile(FLOWS.resolve(file)), values).await(Duration.ofSeconds(60));
        }
    }

    @Test
    void helloChecksTheLocalMachine() throws Exception {
        ProcessOutcome outcome = run("hello.kjf", Map.of());
        assertTrue(outcome.isDone());
        assertTrue(console.toString().matches("checking localhost\\nup: .*load average.*\\n"), console.toString());
    }

    @Test
    void diskReportFlagsEveryFileSystemAboveTheThreshold() throws Exception {
        ProcessOutcome outcome = run("disk_report.kjf", Map.of("warn", "0", "critical", "101"));
        assertTrue(outcome.isDone(), outcome.toString());
        // df names the mount point holding each path, so /tmp may report as / again
        assertTrue(console.toString().matches("WARNING  / \\d+%\\n(WARNING  /\\S* \\d+%\\n)?worst usage: \\d+%\\n"),
                console.toString());
        assertTrue(((StringValue) outcome.result()).value().matches("\\{\"/\": \\d+(, \"/\\S+\": \\d+)?\\}"),
                outcome.result().toString());
    }

    @Test
    void rollingRestartNeedsRemoteHostsAndStopsWhenItCannotReachThem() throws Exception {
        ProcessOutcome outcome = run("rolling_restart.kjf", Map.of("hosts", "['web01']"));
        assertEquals(-1, outcome.exitStatus(), console.toString());
        assertTrue(console.toString().contains("job failed with status -1"), console.toString());
    }

    @Test
    void inventoryKeepsNodesAsObjectsAndWritesResultsIntoTheirFields() throws Exception {
        ProcessOutcome outcome = run("inventory.kjf", Map.of("names", "['a1', 'b2']"));
        assertTrue(outcome.isDone(), console.toString());
        assertEquals("a1 22 checked A1.EXAMPLE.NET\nb2 22 checked B2.EXAMPLE.NET\n", console.toString());
        assertEquals(dev.kompira.core.value.IntegerValue.of(2), outcome.result());
    }
}
