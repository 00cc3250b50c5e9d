package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The options of {@code kompira jobmanager} and its errors; the job manager itself is tested in kompira-amqp. */
class JobManagerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aBrokerThatCannotBeReachedIsReportedWithoutItsPasswordOrAStackTrace() {
        assertEquals(2, run("jobmanager", "--amqp", "amqp://guest:secret@127.0.0.1:1/x", "--realm", "west"));
        assertTrue(err.toString().startsWith("kompira: cannot connect to the AMQP broker at amqp://guest:***@127.0.0.1:1/x"),
                err.toString());
        assertTrue(!err.toString().contains("secret") && !err.toString().contains("\tat "), err.toString());
    }

    @Test
    void theConcurrencyMustBePositive() {
        assertEquals(2, run("jobmanager", "--amqp", "amqp://127.0.0.1:1/x", "--realm", "west", "--concurrency", "0"));
        assertEquals("kompira: --concurrency must be at least 1, not 0\n", err.toString());
    }

    @Test
    void theRealmIsRequired() {
        assertEquals(2, run("jobmanager", "--amqp", "amqp://127.0.0.1:1/x"));
        assertTrue(err.toString().startsWith("kompira jobmanager needs --amqp URI and --realm NAME"), err.toString());
    }

    @Test
    void runWithABrokerThatCannotBeReachedIsAClearError() throws Exception {
        java.nio.file.Path flow = java.nio.file.Files.createTempFile("flow", ".kjf");
        try {
            java.nio.file.Files.writeString(flow, "[__host__ = 'web01'] -> ['hostname']\n");
            assertEquals(2, run("run", "--amqp", "amqp://guest:secret@127.0.0.1:1/x", flow.toString()));
            assertTrue(err.toString().startsWith("kompira: cannot connect to the AMQP broker at amqp://guest:***@127.0.0.1:1/x"),
                    err.toString());
        } finally {
            java.nio.file.Files.delete(flow);
        }
    }
}
