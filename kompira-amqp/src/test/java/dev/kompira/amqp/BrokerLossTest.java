package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.LocalTransport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that stops under a running command and does not come back within the reconnect window:
 * with a broker of its own, as the broker is what dies.
 */
class BrokerLossTest {

    @TempDir
    Path dir;

    @Test
    void afterTheReconnectWindowTheEngineFailsTheCommandItWaitsForAndTheJobManagerSaysItLostTheBroker() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        Path started = dir.resolve("started");
        PrivateBroker broker = PrivateBroker.start(1);
        URI uri = URI.create(broker.newVirtualHost());
        Duration window = Duration.ofSeconds(1);
        try (AmqpTransport engine = AmqpTransport.connect(uri, false, window);
                JobManager worker = JobManager.start(uri, "lab", 1, List.of(new LocalTransport()), window)) {
            CompletableFuture<CommandResult> running = engine.execute("lab",
                    AmqpTransportTest.shell("touch " + started + "; sleep 30", new byte[0], null)).toCompletableFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(started) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            broker.close();
            CommandResult.Unreachable lost = assertInstanceOf(CommandResult.Unreachable.class, running.get(20, TimeUnit.SECONDS));
            assertTrue(lost.reason().startsWith("lost the connection to the AMQP broker: "), lost.reason());
            Optional<String> why = worker.awaitClosed();
            assertTrue(why.orElseThrow().startsWith("lost the connection to the AMQP broker: "), why.toString());
            assertEquals(0, engine.waiting());
        } finally {
            broker.close();
        }
    }
}
