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
import dev.kompira.ssh.TestSshServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Jobflows whose commands go to job managers through a private broker, as `kompira run --amqp` runs them. */
class JobflowOverAmqpTest {

    @RegisterExtension
    static final SharedBroker BROKER = new SharedBroker(7);
    private final StringBuilder console = new StringBuilder();

    private Kompira engine(URI uri) throws Exception {
        return engine(AmqpTransport.connect(uri));
    }

    private Kompira engine(AmqpTransport jobManagers) {
        return Kompira.builder().jobManagers(jobManagers).console((pid, text) -> {
            synchronized (console) {
                console.append(text);
            }
        }).build();
    }

    @Test
    void aCommandWaitsForAJobManagerOfItsRealmAndRunsThere() throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
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
        URI uri = URI.create(BROKER.get().newVirtualHost());
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
        URI uri = URI.create(BROKER.get().newVirtualHost());
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

    @Test
    void putGetAndScriptJobsGoThroughTheJobManagerOfTheHostsRealm(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(OpenSshServer.available(), "OpenSSH's sshd is not installed");
        Path key = OpenSshServer.clientKey(dir.resolve("client/id_ed25519"));
        Path up = Files.createDirectories(dir.resolve("up"));
        Files.writeString(up.resolve("a.txt"), "alpha\n");
        Files.writeString(up.resolve("b.txt"), "beta\n");
        Path big = dir.resolve("big");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(Transfers.LIMIT + 1);
        }
        // the sshd's login user may be another user than the test's (as root): a folder it can write
        Path remote = Files.createTempDirectory("kompira-put-");
        Files.setPosixFilePermissions(remote, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path back = dir.resolve("back.txt");
        try {
            URI uri = URI.create(BROKER.get().newVirtualHost());
            try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), key)) {
                Path knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine());
                try (Kompira engine = engine(uri);
                        JobManager loopback = JobManager.start(uri, "loopback", 2,
                                List.of(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)), new LocalTransport()))) {
                    ProcessOutcome outcome = engine.start(engine.compile("ssh.kjf",
                            "[/config/realms.add: 'loopback', /system/types/Realm, {range = ['127.0.0.*']}] ->\n"
                                    + "[./.add: 'report', /system/types/ScriptJob, {source = '#!/bin/sh\\necho \"script $1\"; tr a-z A-Z', "
                                    + "ext = 'sh'}] ->\n"
                                    + "[__host__ = '127.0.0.1', __port__ = " + sshd.port() + ", __user__ = '" + OpenSshServer.loginUser()
                                    + "', __keyfile__ = '" + key + "', __timeout__ = 20] ->\n"
                                    + "put('" + up + "/*.txt', '" + remote + "/') -> print($STATUS) ->\n"
                                    + "get('" + remote + "/a.txt', '" + back + "') -> print($STATUS) ->\n"
                                    + "[./report << 'from stdin' : 'arg'] -> print($RESULT) ->\n"
                                    + "put('" + big + "', '" + remote + "/big') => print($STATUS, $ERROR)"), Map.of()).await();
                    assertTrue(outcome.isDone(), outcome + "\n" + console);
                }
            }
            assertEquals("0\n0\nscript arg\nFROM STDIN\n"
                    + "1 put: the files are larger than the 16 MiB a put or get carries through a job manager\n", console.toString());
            assertEquals("alpha\n", Files.readString(remote.resolve("a.txt")));
            assertEquals("beta\n", Files.readString(remote.resolve("b.txt")));
            assertEquals("alpha\n", Files.readString(back));
            assertTrue(Files.notExists(remote.resolve("big")));
        } finally {
            Transfers.delete(remote);
        }
    }

    @Test
    void rebootGoesThroughTheJobManagerAndWaitsForTheHostToComeBack(@TempDir Path dir) throws Exception {
        URI uri = URI.create(BROKER.get().newVirtualHost());
        try (TestSshServer server = new TestSshServer(dir.resolve("host_key"), null)) {
            server.simulateReboots(java.time.Duration.ofMillis(1500));
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine());
            try (Kompira engine = engine(AmqpTransport.connect(uri, true));
                    JobManager loopback = JobManager.start(uri, "loopback", 2,
                            List.of(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)), new LocalTransport()))) {
                ProcessOutcome outcome = engine.start(engine.compile("reboot.kjf",
                        "[/config/realms.add: 'loopback', /system/types/Realm, {range = ['127.0.0.*']}] ->\n"
                                + "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = 'ops', __password__ = '"
                                + TestSshServer.PASSWORD + "'] ->\n"
                                + "reboot(wait=30) -> print('status=$STATUS') -> ['echo after'] -> print($RESULT)"), Map.of()).await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
            }
            assertEquals(1, server.reboots());
        }
        assertEquals("status=0\nafter\n", console.toString());
    }
}
