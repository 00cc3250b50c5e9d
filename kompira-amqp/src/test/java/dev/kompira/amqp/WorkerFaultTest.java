package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.kompira.core.transport.CommandResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job managers that die: each runs in a JVM of its own and is killed with SIGKILL; marker files
 * count how often each command ran.
 */
class WorkerFaultTest {

    private static PrivateBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        broker = PrivateBroker.start(2);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** Starts a job manager JVM on the test's class path and waits until it takes requests. */
    private static Process worker(URI uri, String realm, int concurrency) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(), uri.toString(), realm,
                Integer.toString(concurrency)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready ")) {
            p.destroyForcibly();
            throw new IOException("the job manager JVM did not start: " + line);
        }
        return p;
    }

    /** SIGKILL for the JVM; then its orphaned commands, which a real crash would leave running, are cleaned up. */
    private static void kill(Process worker) throws InterruptedException {
        List<ProcessHandle> commands = worker.descendants().toList();
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        commands.forEach(ProcessHandle::destroyForcibly);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), "the command did not start: " + file);
    }

    @Test
    void aJobManagerKilledMidCommandFailsThatCommandWithoutRunningItAgainAndHandsOnTheRequestItHadNotStarted()
            throws Exception {
        URI uri = URI.create(broker.newVirtualHost());
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        try (AmqpTransport engine = AmqpTransport.connect(uri); Connection admin = AmqpTransportTest.connect(uri)) {
            Process doomed = worker(uri, "lab", 1);
            try {
                CompletableFuture<CommandResult> running = engine.execute("lab",
                        AmqpTransportTest.shell("echo run >> " + first + "; sleep 60", new byte[0], null)).toCompletableFuture();
                awaitFile(first);
                CompletableFuture<CommandResult> queued = engine.execute("lab",
                        AmqpTransportTest.shell("echo run >> " + second, new byte[0], null)).toCompletableFuture();
                // the second request is delivered to the busy job manager, which holds it unacknowledged
                Channel ch = admin.createChannel();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (ch.messageCount(Messages.realmQueue("lab")) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(0, ch.messageCount(Messages.realmQueue("lab")), "the busy job manager never took the second request");
                assertTrue(!queued.isDone() && !Files.exists(second));

                long killed = System.nanoTime();
                kill(doomed);
                CommandResult lost = running.get(20, TimeUnit.SECONDS);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                assertEquals(new CommandResult.Unreachable(AmqpTransport.LOST), lost);
                assertTrue(millis < 5000, "the engine took " + millis + " ms to notice the lost job manager");

                try (JobManager survivor = JobManager.start(uri, "lab", 2)) {
                    CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class, queued.get(20, TimeUnit.SECONDS));
                    assertEquals(0, done.exitStatus());
                    Thread.sleep(1000); // time for a wrong redelivery of the first request to show
                }
            } finally {
                kill(doomed);
            }
        }
        assertEquals(List.of("run"), Files.readAllLines(first), "the command that had started ran again");
        assertEquals(List.of("run"), Files.readAllLines(second));
    }
}
