package dev.kompira.core.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.StringValue;
import java.time.Duration;
import java.util.Map;

/** Runs a flow with the parameter {@code base} (a server's base URL) and returns its console. */
final class FlowRun {

    private FlowRun() {
    }

    static String run(String base, String flow) throws Exception {
        return run(Kompira.builder(), base, flow);
    }

    static String run(Kompira.Builder builder, String base, String flow) throws Exception {
        StringBuilder console = new StringBuilder();
        try (Kompira engine = builder.console((pid, text) -> {
            synchronized (console) {
                console.append(text);
            }
        }).build()) {
            ProcessOutcome outcome = engine.start(engine.compile("urlopen.kjf", "| base = '' |\n" + flow),
                    Map.of("base", StringValue.of(base))).await(Duration.ofSeconds(60));
            assertTrue(outcome.isDone(), outcome + "\n" + console);
        }
        return console.toString();
    }
}
