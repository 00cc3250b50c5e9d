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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker restarted under queued and running commands: with a broker of its own, as the broker is what stops. */
class BrokerRestartTest {

    private static final int JOBS = 100;

    @TempDir
    Path dir;

    @Test
    void aBrokerRestartedWhileAHundredCommandsAreQueuedLosesNoneAndRunsNoneTwice() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        Duration window = Duration.ofSeconds(60);
        try (PrivateBroker broker = PrivateBroker.start(1)) {
            URI uri = URI.create(broker.newVirtualHost());
            try (AmqpTransport engine = AmqpTransport.connect(uri, false, window);
                    JobManager worker = JobManager.start(uri, "lab", 2, List.of(new LocalTransport()), window)) {
                List<CompletableFuture<CommandResult>> jobs = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    jobs.add(engine.execute("lab", AmqpTransportTest.shell("echo run >> " + marker(i) + "; sleep 0.1",
                            new byte[0], null)).toCompletableFuture());
                }
                awaitMarkers(4);
                broker.restart(Duration.ofSeconds(1));
                long ranBeforeRestart = markers();
                assertTrue(ranBeforeRestart < JOBS / 2, ranBeforeRestart + " commands ran before the broker came back");
                for (int i = 0; i < JOBS; i++) {
                    CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class,
                            jobs.get(i).get(90, TimeUnit.SECONDS), "job " + i);
                    assertEquals(0, done.exitStatus(), "job " + i);
                }
                assertEquals(0, engine.waiting());
                Thread.sleep(1000); // time for a wrong second run to show
            }
        }
        for (int i = 0; i < JOBS; i++) {
            assertEquals(List.of("run"), Files.readAllLines(marker(i)), "command " + i);
        }
    }

    private Path marker(int i) {
        return dir.resolve("ran-" + i);
    }

    private long markers() {
        long n = 0;
        for (int i = 0; i < JOBS; i++) {
            n += Files.exists(marker(i)) ? 1 : 0;
        }
        return n;
    }

    private void awaitMarkers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (markers() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(markers() >= count, "the job manager did not start");
    }
}
