package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.amqp.PrivateBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kompira jobmanager} and {@code kompira run --amqp} together, against a private RabbitMQ broker. */
class JobManagerRunTest {

    @TempDir
    Path dir;

    /** Runs the kompira command, which must succeed; returns its standard output. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, status, err.toString());
        return out.toString();
    }

    @Test
    void runSendsTheCommandsOfARealmToTheJobManagerPasswordsOnlyWithInsecureAmqpAndTheJobManagerStopsWhenItLosesTheBroker() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        StringWriter workerErr = new StringWriter();
        CompletableFuture<Integer> worker;
        String amqp;
        Path ran = dir.resolve("ran");
        try (PrivateBroker broker = PrivateBroker.start(1)) {
            amqp = broker.newVirtualHost();
            worker = CompletableFuture.supplyAsync(() -> KompiraCommand.commandLine(new PrintWriter(new StringWriter(), true),
                    new PrintWriter(workerErr, true)).execute("jobmanager", "--amqp", amqp, "--realm", "lab", "--concurrency", "2",
                    "--reconnect", "1"));
            Path flow = Files.writeString(dir.resolve("flow.kjf"),
                    "[/config/realms.add: 'lab', /system/types/Realm, {range = ['lab-*']}] ->\n"
                            + "[__realm__ = 'lab'] -> ['echo hi from the job manager; touch " + ran + "'] -> print($RESULT) ->\n"
                            + "[__password__ = 'pw'] -> ['echo with a password'] ->> print($STATUS, $RESULT + $ERROR)\n");
            assertEquals("hi from the job manager\n-1 not sending the password or passphrase of local over amqp:// without TLS: "
                    + "use amqps://, or allow it with --insecure-amqp\n", run("run", "--amqp", amqp, flow.toString()));
            assertTrue(Files.exists(ran));
            assertEquals("hi from the job manager\n0 with a password\n",
                    run("run", "--amqp", amqp, "--insecure-amqp", flow.toString()));
            String[] list = run("jobmanager", "list", "--amqp", amqp, "--wait", "0.5").split("\n");
            assertEquals(2, list.length, String.join("\n", list));
            assertTrue(list[0].matches("REALM +NAME +HOST +RUNNING"), list[0]);
            assertTrue(list[1].matches("lab +kompira\\.worker\\.lab\\.\\S+ +\\S+ +0/2"), list[1]);
        }
        assertEquals(2, worker.get(30, TimeUnit.SECONDS));
        String log = workerErr.toString();
        assertTrue(log.startsWith("kompira: job manager kompira.worker.lab."), log);
        assertTrue(log.contains(" runs the commands of realm 'lab' (up to 2 at once)\n"), log);
        assertTrue(log.contains(": lost the connection to the AMQP broker: "), log);
        assertTrue(!log.contains("guest:guest"), log);
    }
}
