package dev.kompira.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.Target;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH transport against OpenSSH's own sshd on a loopback port (installed by .ci/run). */
class OpenSshIT {

    @TempDir
    Path dir;
    private Path key;
    private OpenSshServer server;
    private SshTransport transport;

    @BeforeEach
    void startSshd() throws Exception {
        assumeTrue(OpenSshServer.available(), "OpenSSH's sshd is not installed (apt-get install openssh-server)");
        key = OpenSshServer.clientKey(dir.resolve("client/id_ed25519"));
        server = OpenSshServer.start(dir.resolve("sshd"), key);
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());
        transport = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts));
    }

    @AfterEach
    void stopSshd() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Target target() {
        return new Target("ssh", "127.0.0.1", server.port(), OpenSshServer.loginUser(), null, key.toString(), null);
    }

    private CommandResult run(String command, Duration timeout) throws Exception {
        CommandRequest request = new CommandRequest(target(), command, true, "/bin/bash", null, false, false, true, new byte[0],
                timeout, StandardCharsets.UTF_8);
        return transport.execute(request).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aFlowRunsCommandsOnOpenSsh() throws Exception {
        StringBuilder console = new StringBuilder();
        try (Kompira engine = Kompira.builder().transport(transport).console((pid, text) -> console.append(text)).build()) {
            String flow = "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = '" + OpenSshServer.loginUser()
                    + "', __keyfile__ = '" + key + "'] ->\n"
                    + "['echo $((6 * 7)); echo warn >&2'] -> print($RESULT) -> ['exit 3'] =>> print('status=$STATUS')\n";
            ProcessOutcome outcome = engine.start(engine.compile("openssh.kjf", flow), Map.of()).await();
            assertTrue(outcome.isDone(), outcome + " " + console);
        }
        assertEquals("42\nstatus=3\n", console.toString());
    }

    @Test
    void aCommandOverItsTimeoutEndsAndIsKilledOnTheHost() throws Exception {
        long start = System.nanoTime();
        CommandResult result = run("sleep 30", Duration.ofSeconds(1));
        assertInstanceOf(CommandResult.TimedOut.class, result);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assumeTrue(!OpenSshServer.loginUser().equals("root"), "OpenSSH does not signal the sessions of root logins; "
                + "create the user " + OpenSshServer.TEST_USER + " (as .ci/run does) to check the kill");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.runs("sleep 30")) {
            assertTrue(System.nanoTime() < deadline, "the remote command was killed");
            Thread.sleep(50);
        }
        assertInstanceOf(CommandResult.Completed.class, run("true", null), "the connection is still usable");
    }

    @Test
    void fiftyMegabytesOfOutputArriveWhole() throws Exception {
        CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class, run("head -c 50000000 /dev/zero", null));
        assertEquals(50_000_000, done.stdout().length);
        assertEquals(0, done.exitStatus());
    }

    @Test
    void aServerThatDiesDuringACommandIsALostConnectionAndTheNextCommandReconnects() throws Exception {
        var running = transport.execute(new CommandRequest(target(), "sleep 30", true, "/bin/bash", null, false, false, true,
                new byte[0], null, StandardCharsets.UTF_8)).toCompletableFuture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.runs("sleep 30")) {
            assertTrue(System.nanoTime() < deadline, "the command started, and the server sees it");
            Thread.sleep(20);
        }
        server.killConnections();
        CommandResult.Unreachable lost = assertInstanceOf(CommandResult.Unreachable.class, running.get(30, TimeUnit.SECONDS));
        assertTrue(lost.reason().contains("lost") || lost.reason().contains("could not run"), lost.reason());
        assertInstanceOf(CommandResult.Completed.class, run("true", null), "a broken cached connection is replaced");
    }

    @Test
    void closingLeavesNoConnectionOrThread() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(CommandResult.Completed.class, run("true", null));
        }
        transport.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.connectionProcesses().isEmpty() || Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && (t.getName().startsWith("kompira-ssh-") || t.getName().startsWith("sshj-")))) {
            assertTrue(System.nanoTime() < deadline, "connections and threads are gone");
            Thread.sleep(50);
        }
    }

    @Test
    void aPseudoTerminalIsAllocatedWhenAskedAndMergesBothOutputs() throws Exception {
        CommandRequest request = new CommandRequest(target(), "tty; echo to-stderr >&2", true, "/bin/bash", null, false, true, true,
                new byte[0], null, StandardCharsets.UTF_8);
        CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class,
                transport.execute(request).toCompletableFuture().get(60, TimeUnit.SECONDS));
        String out = new String(done.stdout(), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("/dev/pts/"), out);
        assertTrue(out.contains("to-stderr"), "standard error arrives on the terminal: " + out);
        assertEquals(0, done.stderr().length);
        CommandResult.Completed plain = assertInstanceOf(CommandResult.Completed.class, run("tty", null));
        assertEquals("not a tty\n", new String(plain.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void sudoRunsTheCommandAsRoot() throws Exception {
        assumeTrue(OpenSshServer.loginUser().equals(OpenSshServer.TEST_USER) && Files.exists(Path.of("/etc/sudoers.d/kompira-it")),
                "needs the test user with sudo rights (.ci/run sets them up)");
        CommandRequest request = new CommandRequest(target(), "id -un", true, "/bin/bash", null, true, false, true, new byte[0], null,
                StandardCharsets.UTF_8);
        CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class,
                transport.execute(request).toCompletableFuture().get(60, TimeUnit.SECONDS));
        assertEquals("root\n", new String(done.stdout(), StandardCharsets.UTF_8));
        assertEquals(OpenSshServer.TEST_USER + "\n", new String(assertInstanceOf(CommandResult.Completed.class, run("id -un", null)).stdout(),
                StandardCharsets.UTF_8));
    }

    @Test
    void putAndGetWorkAgainstOpenSshsSftpWithPathsRelativeToTheLoginDirectory() throws Exception {
        Path local = Files.createDirectories(dir.resolve("outgoing"));
        Files.writeString(local.resolve("a.txt"), "alpha");
        Files.writeString(local.resolve("b.txt"), "beta");
        String folder = "kompira-it-" + System.nanoTime();
        TransferResult.Done put = assertInstanceOf(TransferResult.Done.class, transport.transfer(new TransferRequest(target(),
                TransferRequest.Direction.PUT, local + "/*.txt", folder, null, false, true, null, false)).toCompletableFuture()
                .get(60, TimeUnit.SECONDS));
        assertEquals(java.util.List.of(folder + "/a.txt", folder + "/b.txt"), put.written());
        assertEquals("alpha", new String(assertInstanceOf(CommandResult.Completed.class, run("cat " + folder + "/a.txt", null)).stdout(),
                StandardCharsets.UTF_8));

        Path back = dir.resolve("incoming");
        TransferResult.Done got = assertInstanceOf(TransferResult.Done.class, transport.transfer(new TransferRequest(target(),
                TransferRequest.Direction.GET, "b.txt", back.toString(), folder, false, true, null, false)).toCompletableFuture()
                .get(60, TimeUnit.SECONDS));
        assertEquals(java.util.List.of(back.toString()), got.written());
        assertEquals("beta", Files.readString(back));
        run("rm -rf " + folder, null);
    }

    @Test
    void aSessionWithAPseudoTerminalRunsTheLoginShellInteractively() throws Exception {
        StringBuilder console = new StringBuilder();
        try (Kompira engine = Kompira.builder().transport(transport).console((pid, text) -> console.append(text)).build()) {
            String flow = "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = '" + OpenSshServer.loginUser()
                    + "', __keyfile__ = '" + key + "', __use_pty__ = true] ->\n"
                    + "{ session sh |\n"
                    + "    [sh.send: 'tty; echo marker-$((40 + 2))\\n'] -> <sh ?? r'^marker-42' : timeout=10> -> print('seen $RESULT') ->\n"
                    + "    [sh.send: 'exit\\n']\n"
                    + "} -> print('status=$STATUS')\n";
            ProcessOutcome outcome = engine.start(engine.compile("session.kjf", flow), Map.of()).await();
            assertTrue(outcome.isDone(), outcome + " " + console);
        }
        assertEquals("seen marker-42\nstatus=0\n", console.toString());
    }
}
