package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.RealmStats;
import dev.kompira.core.transport.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine's transport and job managers in one JVM, against a private broker (a virtual host per test). */
class AmqpTransportTest {

    @RegisterExtension
    static final SharedBroker BROKER = new SharedBroker(15);

    @TempDir
    Path dir;

    static CommandRequest shell(String command, byte[] stdin, Duration timeout) {
        return new CommandRequest(Target.LOCAL, command, true, "/bin/sh", null, false, false, true, stdin, timeout,
                StandardCharsets.UTF_8);
    }

    static CommandResult await(java.util.concurrent.CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aJobManagerRunsTheCommandAndTheEngineGetsItsOutput() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        try (AmqpTransport engine = AmqpTransport.connect(uri); JobManager worker = JobManager.start(uri, "west", 2)) {
            CommandResult result = await(engine.execute("west",
                    shell("read x; echo \"got $x\"; echo oops >&2; exit 3", "hello\n".getBytes(StandardCharsets.UTF_8), null)));
            CommandResult.Completed c = assertInstanceOf(CommandResult.Completed.class, result);
            assertEquals(3, c.exitStatus());
            assertEquals("got hello\n", new String(c.stdout(), StandardCharsets.UTF_8));
            assertEquals("oops\n", new String(c.stderr(), StandardCharsets.UTF_8));
            assertEquals(0, engine.waiting());
            engine.close();
            assertEquals(new CommandResult.Unreachable("the engine's AMQP transport was closed"),
                    await(engine.execute("west", shell("echo late", new byte[0], null))));
        }
    }

    @Test
    void commandsRunConcurrentlyUpToTheConcurrency() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        try (AmqpTransport engine = AmqpTransport.connect(uri); JobManager worker = JobManager.start(uri, "west", 4)) {
            long start = System.nanoTime();
            List<java.util.concurrent.CompletionStage<CommandResult>> stages = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                stages.add(engine.execute("west", shell("sleep 1; echo " + i, new byte[0], null)));
            }
            for (int i = 0; i < 4; i++) {
                CommandResult.Completed c = assertInstanceOf(CommandResult.Completed.class, await(stages.get(i)));
                assertEquals(i + "\n", new String(c.stdout(), StandardCharsets.UTF_8));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 3500, "four 1 s commands at concurrency 4 took " + millis + " ms");
        }
    }

    @Test
    void aRealmWithoutJobManagerFailsTheCommandAfterItsTimeoutAndAWorkerOfAnotherRealmNeverTakesIt() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        Path marker = dir.resolve("ran");
        try (AmqpTransport engine = AmqpTransport.connect(uri)) {
            try (JobManager other = JobManager.start(uri, "east", 1)) {
                CommandResult result = await(engine.execute("west", shell("touch " + marker, new byte[0], Duration.ofSeconds(1))));
                assertEquals(new CommandResult.Unreachable("no job manager of realm 'west' took the command within 1 seconds"),
                        result);
            }
            // a job manager of the realm that comes later does not run what the engine gave up on, and runs what follows
            try (JobManager late = JobManager.start(uri, "west", 1)) {
                CommandResult next = await(engine.execute("west", shell("echo next", new byte[0], Duration.ofSeconds(10))));
                assertEquals("next\n", new String(assertInstanceOf(CommandResult.Completed.class, next).stdout(),
                        StandardCharsets.UTF_8));
                Thread.sleep(500);
            }
        }
        assertFalse(Files.exists(marker), "a command ran after its engine had given up");
    }

    @Test
    void theTimeoutKillsACommandAtTheJobManager() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        try (AmqpTransport engine = AmqpTransport.connect(uri); JobManager worker = JobManager.start(uri, "west", 1)) {
            CommandResult result = await(engine.execute("west", shell("sleep 10", new byte[0], Duration.ofMillis(1500))));
            assertEquals(new CommandResult.TimedOut(Duration.ofMillis(1500)), result);
        }
    }

    @Test
    void cancellingTheStageKillsTheCommandAtTheJobManager() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        Path pid = dir.resolve("pid");
        Path after = dir.resolve("after");
        try (AmqpTransport engine = AmqpTransport.connect(uri); JobManager worker = JobManager.start(uri, "west", 1)) {
            java.util.concurrent.CompletableFuture<CommandResult> stage = engine.execute("west",
                    shell("echo $$ > " + pid + ".tmp; mv " + pid + ".tmp " + pid + "; sleep 30; touch " + after, new byte[0], null))
                    .toCompletableFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(pid) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ProcessHandle shell = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();
            stage.cancel(true);
            assertTrue(shell.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).get() != null,
                    "the command outlived its cancellation");
            // onExit completes once the command has ended; it counts as alive until the job manager, its
            // parent, reaps it a moment later (a race this test lost on Java 25)
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (shell.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(shell.isAlive(), "the job manager left the command unreaped");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (worker.running() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, worker.running());
            assertEquals(0, engine.waiting());
        }
        assertFalse(Files.exists(after));
    }

    @Test
    void aSecondDeliveryOfTheSameRequestIsDropped() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        Path marker = dir.resolve("runs");
        byte[] body = Messages.encode(RequestMessage.of("req-1", shell("echo x >> " + marker, new byte[0], null), null));
        try (JobManager worker = JobManager.start(uri, "west", 1); Connection c = connect(uri)) {
            Channel ch = c.createChannel();
            String replies = ch.queueDeclare().getQueue();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().replyTo(replies).correlationId("req-1").build();
            ch.basicPublish("", Messages.realmQueue("west"), props, body);
            ch.basicPublish("", Messages.realmQueue("west"), props, body);
            List<ReplyMessage.Kind> kinds = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                GetResponse got = ch.basicGet(replies, true);
                if (got == null) {
                    Thread.sleep(50);
                } else {
                    kinds.add(Messages.reply(got.getBody()).kind());
                }
            }
            assertEquals(List.of(ReplyMessage.Kind.STARTED, ReplyMessage.Kind.COMPLETED), kinds);
            assertEquals(0, ch.messageCount(Messages.realmQueue("west")), "the duplicate was left in the queue");
        }
        assertEquals(List.of("x"), Files.readAllLines(marker));
    }

    @Test
    void aRequestThatCannotBeReadIsRejectedToTheDeadLettersAndItsEngineIsTold() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        try (JobManager worker = JobManager.start(uri, "west", 1); Connection c = connect(uri)) {
            Channel ch = c.createChannel();
            String replies = ch.queueDeclare().getQueue();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().replyTo(replies).correlationId("bad-1").build();
            ch.basicPublish("", Messages.realmQueue("west"), props, "{not json".getBytes(StandardCharsets.UTF_8));
            GetResponse got = null;
            for (int i = 0; i < 100 && got == null; i++) {
                got = ch.basicGet(replies, true);
                Thread.sleep(50);
            }
            ReplyMessage reply = Messages.reply(got.getBody());
            assertEquals(ReplyMessage.Kind.UNREACHABLE, reply.kind());
            assertEquals("bad-1", reply.id());
            assertTrue(reply.reason().startsWith("the job manager cannot read the request: "), reply.reason());
            assertEquals(0, ch.messageCount(Messages.realmQueue("west")));
            GetResponse dead = null;
            for (int i = 0; i < 100 && dead == null; i++) {
                dead = ch.basicGet(Messages.DEAD_LETTERS, true);
                Thread.sleep(dead == null ? 50 : 0);
            }
            assertEquals("{not json", new String(dead.getBody(), StandardCharsets.UTF_8), "the request was not kept");
        }
    }

    @Test
    void aRequestDeliveredMoreOftenThanTheLimitGoesToTheDeadLetters() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        try (Connection c = connect(uri)) {
            Channel ch = c.createChannel();
            Messages.declareRealm(ch, "west");
            ch.basicPublish("", Messages.realmQueue("west"), null, "poison".getBytes(StandardCharsets.UTF_8));
            // each job manager that takes it dies before acknowledging: its channel ends and the request returns
            for (int i = 0; i <= Messages.DELIVERY_LIMIT; i++) {
                Channel doomed = c.createChannel();
                GetResponse got = null;
                for (int tries = 0; tries < 100 && got == null; tries++) {
                    got = doomed.basicGet(Messages.realmQueue("west"), false);
                    Thread.sleep(got == null ? 20 : 0);
                }
                assertTrue(got != null, "delivery " + (i + 1) + " did not come");
                doomed.close();
            }
            GetResponse dead = null;
            for (int i = 0; i < 100 && dead == null; i++) {
                dead = ch.basicGet(Messages.DEAD_LETTERS, true);
                Thread.sleep(dead == null ? 20 : 0);
            }
            assertEquals("poison", new String(dead.getBody(), StandardCharsets.UTF_8));
            assertEquals(0, ch.messageCount(Messages.realmQueue("west")));
        }
    }

    @Test
    void aRequestWhoseJobManagersKeepDyingFailsItsJobAtOnceAndGoesToTheDeadLetters() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        Path marker = dir.resolve("ran");
        try (AmqpTransport engine = AmqpTransport.connect(uri); Connection c = connect(uri)) {
            Channel ch = c.createChannel();
            Messages.declareRealm(ch, "west");
            java.util.concurrent.CompletableFuture<CommandResult> job = engine.execute("west",
                    shell("touch " + marker, new byte[0], null)).toCompletableFuture();
            // job managers that die while they hold it, before acknowledging (as if reading it killed them)
            for (int i = 0; i < Messages.POISON_AFTER; i++) {
                Channel doomed = c.createChannel();
                GetResponse got = null;
                for (int tries = 0; tries < 250 && got == null; tries++) {
                    got = doomed.basicGet(Messages.realmQueue("west"), false);
                    Thread.sleep(got == null ? 20 : 0);
                }
                assertTrue(got != null, "delivery " + (i + 1) + " did not come");
                doomed.close();
            }
            assertFalse(job.isDone());
            try (JobManager worker = JobManager.start(uri, "west", 1)) {
                CommandResult.Unreachable refused = assertInstanceOf(CommandResult.Unreachable.class, job.get(10, TimeUnit.SECONDS));
                assertEquals("job managers stopped 4 times while they held the request, which may be what stops them: "
                        + "it was moved to kompira.dead-letters unread", refused.reason());
            }
            assertEquals(List.of(new RealmStats("west", 0, 0, 1, 0, 0, 1)),
                    engine.stats().orElseThrow().realms());
            GetResponse dead = null;
            for (int i = 0; i < 100 && dead == null; i++) {
                dead = ch.basicGet(Messages.DEAD_LETTERS, true);
                Thread.sleep(dead == null ? 20 : 0);
            }
            assertTrue(dead != null, "the request was not kept in the dead letters");
            assertEquals(Messages.REQUEST, dead.getProps().getType());
        }
        assertFalse(Files.exists(marker), "the poison request ran");
    }

    @Test
    void aRequestWithAnUnknownEncodingIsRefusedBeforeItIsTaken() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        byte[] body = Messages.encode(RequestMessage.of("req-1", shell("true", new byte[0], null), null));
        String unknown = new String(body, StandardCharsets.UTF_8).replace("\"UTF-8\"", "\"no-such-charset\"");
        try (JobManager worker = JobManager.start(uri, "west", 1); Connection c = connect(uri)) {
            Channel ch = c.createChannel();
            String replies = ch.queueDeclare().getQueue();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().replyTo(replies).correlationId("req-1").build();
            ch.basicPublish("", Messages.realmQueue("west"), props, unknown.getBytes(StandardCharsets.UTF_8));
            GetResponse got = null;
            for (int i = 0; i < 100 && got == null; i++) {
                got = ch.basicGet(replies, true);
                Thread.sleep(got == null ? 50 : 0);
            }
            ReplyMessage reply = Messages.reply(got.getBody());
            assertEquals(ReplyMessage.Kind.UNREACHABLE, reply.kind(), "a STARTED would mean it was taken");
            assertEquals("the job manager cannot read the request: UnsupportedCharsetException: no-such-charset", reply.reason());
        }
    }

    @Test
    void passwordsAndPassphrasesTravelWithoutTlsOnlyWhenAllowed() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        Path marker = dir.resolve("ran");
        Target jump = new Target("ssh", "jump", 0, "ops", null, "/keys/id", "key secret");
        CommandRequest behindJump = new CommandRequest(new Target("local", null, 0, null, null, null, null, jump),
                "touch " + marker, true, "/bin/sh", null, false, false, true, new byte[0], null, StandardCharsets.UTF_8);
        try (AmqpTransport engine = AmqpTransport.connect(uri); JobManager worker = JobManager.start(uri, "west", 1)) {
            CommandRequest withPassword = new CommandRequest(new Target("ssh", "web01", 0, "ops", "secret", null, null),
                    "touch " + marker, true, "/bin/sh", null, false, false, true, new byte[0], null, StandardCharsets.UTF_8);
            assertEquals(new CommandResult.Unreachable("not sending the password or passphrase of ssh://ops@web01 over amqp:// "
                    + "without TLS: use amqps://, or allow it with --insecure-amqp"), await(engine.execute("west", withPassword)));
            CommandResult viaJump = await(engine.execute("west", behindJump));
            assertTrue(viaJump instanceof CommandResult.Unreachable u && u.reason().startsWith("not sending the password"),
                    viaJump.toString());
            assertFalse(Files.exists(marker));
        }
        try (AmqpTransport engine = AmqpTransport.connect(uri, true); JobManager worker = JobManager.start(uri, "west", 1)) {
            assertInstanceOf(CommandResult.Completed.class, await(engine.execute("west", behindJump)));
            assertTrue(Files.exists(marker));
        }
    }

    @Test
    void everyJobManagerSaysWhoItIsWithItsRealmAndItsRunningCommands() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        assertEquals(List.of(), JobManagers.list(uri, Duration.ofMillis(300)));
        try (AmqpTransport engine = AmqpTransport.connect(uri); JobManager east = JobManager.start(uri, "east", 2);
                JobManager west = JobManager.start(uri, "west", 3)) {
            java.util.concurrent.CompletableFuture<?> busy = engine.execute("west", shell("sleep 30", new byte[0], null))
                    .toCompletableFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (west.running() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String host = java.net.InetAddress.getLocalHost().getHostName();
            assertEquals(List.of(new JobManagerInfo(east.name(), "east", host, 2, 0), new JobManagerInfo(west.name(), "west", host, 3, 1)),
                    JobManagers.list(uri, Duration.ofMillis(500)));
            busy.cancel(true);
        }
    }

    @Test
    void aBrokerThatCannotBeReachedIsAClearError() throws Exception {
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> AmqpTransport.connect(URI.create("amqp://guest:secret@127.0.0.1:1/x")));
        assertTrue(e.getMessage().startsWith("cannot connect to the AMQP broker at amqp://guest:***@127.0.0.1:1/x"),
                e.getMessage());
    }

    static Connection connect(URI uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        return factory.newConnection();
    }
}
