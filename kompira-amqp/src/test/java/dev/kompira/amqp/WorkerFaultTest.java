package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.RealmStats;
import dev.kompira.core.transport.RealmTransportStats;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job managers that die: each runs in a JVM of its own and is killed with SIGKILL; marker files
 * count how often each command ran.
 */
class WorkerFaultTest {

    @RegisterExtension
    static final SharedBroker BROKER = new SharedBroker(3);

    @TempDir
    Path dir;

    /** Starts a job manager JVM on the test's class path and waits until it takes requests. */
    private static Process worker(URI uri, String realm, int concurrency) throws IOException {
        return jvm(WorkerMain.class, "ready ", uri.toString(), realm, Integer.toString(concurrency)).process();
    }

    /** A JVM running {@code main} on the test's class path, and the rest of the first line it printed, which starts with {@code ready}. */
    private static Jvm jvm(Class<?> main, String ready, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith(ready)) {
            p.destroyForcibly();
            throw new IOException("the " + main.getSimpleName() + " JVM did not start: " + line);
        }
        return new Jvm(p, line.substring(ready.length()));
    }

    private record Jvm(Process process, String said) {
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
    void anEngineKilledWhileItsCommandRunsLeavesTheJobManagerToFinishItOnceAndTakeNewWork() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        Path started = dir.resolve("started");
        Path ended = dir.resolve("ended");
        try (JobManager worker = JobManager.start(uri, "lab", 1); Connection admin = AmqpTransportTest.connect(uri)) {
            Jvm engine = jvm(EngineMain.class, "sent ", uri.toString(), "lab",
                    "echo run >> " + started + "; sleep 2; echo run >> " + ended);
            try {
                awaitFile(started);
                kill(engine.process());
                awaitFile(ended);
                // the result waits in the dead engine's durable reply queue until the queue expires (J218, J221)
                Channel ch = admin.createChannel();
                List<ReplyMessage.Kind> kinds = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!kinds.contains(ReplyMessage.Kind.COMPLETED) && System.nanoTime() < deadline) {
                    com.rabbitmq.client.GetResponse got = ch.basicGet(engine.said(), true);
                    if (got == null) {
                        Thread.sleep(50);
                    } else {
                        kinds.add(Messages.reply(got.getBody()).kind());
                    }
                }
                assertTrue(kinds.contains(ReplyMessage.Kind.COMPLETED), "no result in the engine's reply queue: " + kinds);
            } finally {
                kill(engine.process());
            }
            try (AmqpTransport next = AmqpTransport.connect(uri)) {
                CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class,
                        AmqpTransportTest.await(next.execute("lab", AmqpTransportTest.shell("echo next", new byte[0], null))));
                assertEquals("next\n", new String(done.stdout(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("run"), Files.readAllLines(started));
        assertEquals(List.of("run"), Files.readAllLines(ended), "the command did not run to its end once");
    }

    @Test
    void aJobManagerKilledMidCommandFailsThatCommandWithoutRunningItAgainAndHandsOnTheRequestItHadNotStarted()
            throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
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
                RealmTransportStats stats = engine.stats().orElseThrow();
                assertEquals(List.of(new RealmStats("lab", 0, 0, 2, 1, 1, 0)), stats.realms());
                assertTrue(stats.connected());
            } finally {
                kill(doomed);
            }
        }
        assertEquals(List.of("run"), Files.readAllLines(first), "the command that had started ran again");
        assertEquals(List.of("run"), Files.readAllLines(second));
    }
}
