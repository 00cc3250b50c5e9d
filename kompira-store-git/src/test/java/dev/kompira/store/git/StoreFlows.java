package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.store.ObjectStore;
import java.time.Duration;
import java.util.Map;

/** Runs a jobflow on an engine over a store, for the Git store's tests. */
final class StoreFlows {

    private StoreFlows() {
    }

    /** Runs {@code flow} over {@code store}; it must end DONE within 30 s. Returns the console. */
    static String run(ObjectStore store, String flow) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Kompira engine = Kompira.builder().store(store).console((pid, text) -> {
            synchronized (out) {
                out.append(text);
            }
        }).build()) {
            ProcessOutcome outcome = engine.start(engine.compile("test.kjf", flow), Map.of()).await(Duration.ofSeconds(30));
            assertTrue(outcome.isDone(), out + " " + outcome);
        }
        return out.toString();
    }
}
