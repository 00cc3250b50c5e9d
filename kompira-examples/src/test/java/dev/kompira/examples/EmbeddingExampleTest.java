package dev.kompira.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.IntegerValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

    @Test
    void theEmbeddingExampleRunsItsFlowAndReportsTheOutcome() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProcessOutcome outcome = EmbeddingExample.run("ops", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(console.startsWith("command said: hello ops\n"), console);
        assertTrue(outcome.isDone());
        assertEquals(IntegerValue.of("hello ops".length()), outcome.result());
    }
}
