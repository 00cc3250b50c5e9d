package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.transport.LocalTransport;
import dev.kompira.ssh.OpenSshServer;
import dev.kompira.ssh.SshOptions;
import dev.kompira.ssh.SshTransport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobflows whose commands go to job managers through a private broker, as `kompira run --amqp` runs them. */
class JobflowOverAmqpTest {

    private static PrivateBroker broker;
    private final StringBuilder console = new StringBuilder();

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        broker = PrivateBroker.start(5);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private Kompira engine(URI uri) throws Exception {
        return Kompira.builder().jobManagers(AmqpTransport.connect(uri)).console((pid, text) -> {
            synchronized (console) {
                console.append(text);
            }
        }).build();
    }

    @Test
    void aCommandWaitsForAJobManagerOfItsRealmAndRunsThere() throws Exception {
        URI uri = URI.create(broker.newVirtualHost());
        try (Kompira engine = engine(uri)) {
            JobflowProcess p = engine.start(engine.compile("lab.kjf",
                    "[/config/realms.add: 'lab', /system/types/Realm, {range = ['lab-*']}] ->\n"
                            + "[__realm__ = 'lab'] -> ['echo \"$0 ran\"; exit 4'] => print($STATUS, $RESULT)"), Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.state() != ProcessState.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            assertEquals(ProcessState.WAITING, p.state(), "a command without a job manager should wait");
            try (JobManager lab = JobManager.start(uri, "lab", 1)) {
                ProcessOutcome outcome = p.await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
            }
        }
        assertEquals("4 /bin/bash ran\n", console.toString());
    }

    @Test
    void aRealmWithoutJobManagerFailsTheJobAfterItsTimeout() throws Exception {
        URI uri = URI.create(broker.newVirtualHost());
        try (Kompira engine = engine(uri); JobManager other = JobManager.start(uri, "default", 1)) {
            ProcessOutcome outcome = engine.start(engine.compile("lab.kjf",
                    "[/config/realms.add: 'lab', /system/types/Realm, {range = ['lab-*']}] ->\n"
                            + "[__host__ = 'lab-1', __timeout__ = 1] -> ['hostname'] ->> print($STATUS, $ERROR)"), Map.of())
                    .await();
            assertTrue(outcome.isDone(), outcome + "\n" + console);
        }
        assertEquals("-1 no job manager of realm 'lab' took the command within 1 seconds\n", console.toString());
    }

    @Test
    void aJobManagerReachesTheHostOfItsRealmOverSshWithTheEnginesCredentials(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(OpenSshServer.available(), "OpenSSH's sshd is not installed");
        Path key = OpenSshServer.clientKey(dir.resolve("client/id_ed25519"));
        URI uri = URI.create(broker.newVirtualHost());
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), key)) {
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine());
            try (Kompira engine = engine(uri);
                    JobManager loopback = JobManager.start(uri, "loopback", 2,
                            List.of(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)), new LocalTransport()))) {
                ProcessOutcome outcome = engine.start(engine.compile("ssh.kjf",
                        "[/config/realms.add: 'loopback', /system/types/Realm, {range = ['127.0.0.*']}] ->\n"
                                + "[__host__ = '127.0.0.1', __port__ = " + sshd.port() + ", __user__ = '" + OpenSshServer.loginUser()
                                + "', __keyfile__ = '" + key + "', __timeout__ = 20] ->\n"
                                + "['id -un; echo $SSH_CONNECTION | cut -d\\  -f4'] -> print($RESULT)"), Map.of()).await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
            }
            assertEquals(OpenSshServer.loginUser() + "\n" + sshd.port() + "\n", console.toString());
        }
    }
}
