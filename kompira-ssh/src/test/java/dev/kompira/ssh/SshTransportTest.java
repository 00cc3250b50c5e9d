package dev.kompira.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.Target;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTransportTest {

    @TempDir
    Path dir;
    private Path keyFile;
    private TestSshServer server;
    private Path knownHosts;
    private SshTransport transport;

    @BeforeEach
    void startServer() throws Exception {
        // a key as users have them: OpenSSH's own format, made by ssh-keygen
        keyFile = dir.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keyFile.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        PublicKey userKey = PublicKeyEntry.parsePublicKeyEntry(Files.readString(keyFile.resolveSibling("id_ed25519.pub")).strip())
                .resolvePublicKey(null, null, null);
        server = new TestSshServer(dir.resolve("host_key"), userKey);
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());
        transport = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts));
    }

    @AfterEach
    void stopServer() throws Exception {
        transport.close();
        server.close();
    }

    private Target password(String password) {
        return new Target("ssh", "127.0.0.1", server.port(), TestSshServer.USER, password, null, null);
    }

    private static CommandRequest request(Target target, String command, String stdin, Duration timeout) {
        return request(target, command, stdin, timeout, true);
    }

    private static CommandRequest request(Target target, String command, String stdin, Duration timeout, boolean useCache) {
        return new CommandRequest(target, command, true, "/bin/sh", null, false, false, useCache, stdin.getBytes(StandardCharsets.UTF_8),
                timeout, StandardCharsets.UTF_8);
    }

    private CommandResult run(SshTransport on, Target target, String command) throws Exception {
        return on.execute(request(target, command, "", null)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aCommandRunsWithAPasswordLoginAndReturnsItsStatusAndBothOutputs() throws Exception {
        CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class,
                run(transport, password(TestSshServer.PASSWORD), "echo out; echo err >&2; exit 3"));
        assertEquals(3, done.exitStatus());
        assertEquals("out\n", text(done.stdout()));
        assertEquals("err\n", text(done.stderr()));
    }

    @Test
    void standardInputReachesTheRemoteCommand() throws Exception {
        CommandResult result = transport.execute(request(password(TestSshServer.PASSWORD), "tr a-z A-Z", "line one\nline two\n", null))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals("LINE ONE\nLINE TWO\n", text(assertInstanceOf(CommandResult.Completed.class, result).stdout()));
    }

    @Test
    void aKeyFileLogsIn() throws Exception {
        Target target = new Target("ssh", "127.0.0.1", server.port(), TestSshServer.USER, null, keyFile.toString(), null);
        assertEquals("key\n", text(assertInstanceOf(CommandResult.Completed.class, run(transport, target, "echo key")).stdout()));
    }

    @Test
    void aWrongPasswordIsALoginFailureNotACommandFailure() throws Exception {
        CommandResult.Unreachable refused = assertInstanceOf(CommandResult.Unreachable.class,
                run(transport, password("wrong"), "echo never"));
        assertEquals("authentication failed for ops@127.0.0.1:" + server.port() + " (password)", refused.reason());
        assertTrue(!refused.reason().contains("wrong"), "the password is never shown");
    }

    @Test
    void anUnknownHostKeyIsRejectedWithItsFingerprint() throws Exception {
        Files.writeString(knownHosts, "");
        CommandResult.Unreachable refused = assertInstanceOf(CommandResult.Unreachable.class,
                run(transport, password(TestSshServer.PASSWORD), "echo never"));
        assertTrue(refused.reason().startsWith("host key of [127.0.0.1]:" + server.port() + " is unknown"), refused.reason());
        assertTrue(refused.reason().contains(KnownHosts.fingerprint(server.hostKey())), refused.reason());
        assertEquals(1, server.connectionsAccepted());
    }

    @Test
    void acceptNewRecordsAnUnknownHostThatStrictCheckingThenAccepts() throws Exception {
        Files.delete(knownHosts);
        try (SshTransport firstContact = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)
                .withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW))) {
            assertInstanceOf(CommandResult.Completed.class, run(firstContact, password(TestSshServer.PASSWORD), "true"));
        }
        assertTrue(Files.readString(knownHosts).startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 ")
                || Files.readString(knownHosts).startsWith("[127.0.0.1]:" + server.port() + " "), Files.readString(knownHosts));
        assertInstanceOf(CommandResult.Completed.class, run(transport, password(TestSshServer.PASSWORD), "true"));
    }

    @Test
    void aChangedHostKeyIsRejectedEvenWhenNewHostsAreAccepted() throws Exception {
        try (TestSshServer impostor = new TestSshServer(dir.resolve("other_host_key"), null)) {
            Files.writeString(knownHosts, server.knownHostsLine().replace(":" + server.port() + " ", ":" + impostor.port() + " "));
            try (SshTransport lenient = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)
                    .withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW))) {
                Target target = new Target("ssh", "127.0.0.1", impostor.port(), TestSshServer.USER, TestSshServer.PASSWORD, null, null);
                CommandResult.Unreachable refused = assertInstanceOf(CommandResult.Unreachable.class, run(lenient, target, "true"));
                assertTrue(refused.reason().contains("has CHANGED"), refused.reason());
                assertTrue(refused.reason().contains(KnownHosts.fingerprint(impostor.hostKey())), refused.reason());
            }
        }
    }

    @Test
    void aRefusedPortAndAnUnresolvableHostSayWhatWentWrong() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Target refusedPort = new Target("ssh", "127.0.0.1", closed, "ops", "x", null, null);
        assertEquals("connection refused by 127.0.0.1:" + closed,
                assertInstanceOf(CommandResult.Unreachable.class, run(transport, refusedPort, "true")).reason());
        Target nowhere = new Target("ssh", "no-such-host.invalid", 22, "ops", "x", null, null);
        assertEquals("cannot resolve host no-such-host.invalid",
                assertInstanceOf(CommandResult.Unreachable.class, run(transport, nowhere, "true")).reason());
    }

    @Test
    void aCommandOverItsTimeoutIsKilledAndTheConnectionStaysUsable() throws Exception {
        long start = System.nanoTime();
        CommandResult result = transport.execute(request(password(TestSshServer.PASSWORD), "sleep 30", "", Duration.ofMillis(500)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(new CommandResult.TimedOut(Duration.ofMillis(500)), result);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "it ended near its timeout");
        assertInstanceOf(CommandResult.Completed.class, run(transport, password(TestSshServer.PASSWORD), "true"));
    }

    @Test
    void commandsShareACachedConnectionThatClosesWhenIdle() throws Exception {
        try (SshTransport cached = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts).withIdleTimeout(Duration.ofMillis(300)))) {
            for (int i = 0; i < 5; i++) {
                assertInstanceOf(CommandResult.Completed.class, run(cached, password(TestSshServer.PASSWORD), "true"));
            }
            assertEquals(1, server.connectionsAccepted(), "one connection for five commands");
            assertEquals(1, cached.cachedConnections());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cached.cachedConnections() > 0 || server.connectionsOpen() > 0) {
                assertTrue(System.nanoTime() < deadline, "the idle connection was closed");
                Thread.sleep(20);
            }
        }
    }

    @Test
    void closingTheTransportClosesItsConnectionsAndThreads() throws Exception {
        assertInstanceOf(CommandResult.Completed.class, run(transport, password(TestSshServer.PASSWORD), "true"));
        transport.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.connectionsOpen() > 0 || Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("kompira-ssh-") || t.getName().startsWith("sshj-"))) {
            assertTrue(System.nanoTime() < deadline, "connections and threads are released: " + Thread.getAllStackTraces().keySet());
            Thread.sleep(20);
        }
        assertEquals(new CommandResult.Unreachable("the SSH transport was closed"), run(transport, password(TestSshServer.PASSWORD), "true"));
    }

    @Test
    void aCommandThatEndsBeforeItsInputIsClosedStillSucceeds() throws Exception {
        // the exit can reach the client before it ends the command's (empty) input: that must not be an error
        java.util.List<java.util.concurrent.CompletableFuture<CommandResult>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            runs.add(transport.execute(request(password(TestSshServer.PASSWORD), "exit 0", "", null)).toCompletableFuture());
        }
        for (java.util.concurrent.CompletableFuture<CommandResult> run : runs) {
            CommandResult result = run.get(60, TimeUnit.SECONDS);
            assertInstanceOf(CommandResult.Completed.class, result, result.toString());
        }
    }

    @Test
    void withoutTheCacheEveryCommandHasAConnectionOfItsOwnClosedAfterwards() throws Exception {
        for (int i = 0; i < 3; i++) {
            CommandResult result = transport.execute(request(password(TestSshServer.PASSWORD), "true", "", null, false))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertInstanceOf(CommandResult.Completed.class, result);
        }
        assertEquals(3, server.connectionsAccepted());
        assertEquals(0, transport.cachedConnections());
        awaitNoOpenConnections(server);
    }

    @Test
    void aJumpHostTunnelsTheConnectionAndADownJumpHostIsALoginFailure() throws Exception {
        try (TestSshServer jump = new TestSshServer(dir.resolve("jump_host_key"), null)) {
            Files.writeString(knownHosts, server.knownHostsLine() + jump.knownHostsLine());
            Target throughJump = password(TestSshServer.PASSWORD).withProxy(
                    new Target("ssh", "127.0.0.1", jump.port(), TestSshServer.USER, TestSshServer.PASSWORD, null, null));
            CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class, run(transport, throughJump, "echo behind"));
            assertEquals("behind\n", text(done.stdout()));
            assertEquals(1, jump.connectionsAccepted());
            assertEquals(1, server.connectionsAccepted());
            assertEquals(2, transport.cachedConnections(), "the target's connection and the jump host's stay cached");
            run(transport, throughJump, "true");
            assertEquals(1, jump.connectionsAccepted(), "the tunnel is reused with the cached connection");
        }
        int down;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            down = socket.getLocalPort();
        }
        Target throughDownJump = password(TestSshServer.PASSWORD).withProxy(
                new Target("ssh", "127.0.0.1", down, TestSshServer.USER, TestSshServer.PASSWORD, null, null));
        CommandResult.Unreachable refused = assertInstanceOf(CommandResult.Unreachable.class,
                transport.execute(request(throughDownJump, "true", "", null, false)).toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals("cannot reach the jump host ops@127.0.0.1:" + down + ": connection refused by 127.0.0.1:" + down, refused.reason());
    }

    private static void awaitNoOpenConnections(TestSshServer on) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (on.connectionsOpen() > 0) {
            assertTrue(System.nanoTime() < deadline, "connections are closed");
            Thread.sleep(20);
        }
    }

    private TransferResult transfer(TransferRequest.Direction direction, String source, String destination) throws Exception {
        return transport.transfer(new TransferRequest(password(TestSshServer.PASSWORD), direction, source, destination, null, false,
                true, null, false)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void putAndGetCopyFilesAndDirectoriesOverSftp() throws Exception {
        Path local = Files.createDirectories(dir.resolve("local/conf.d"));
        Files.writeString(dir.resolve("local/app-1.conf"), "one");
        Files.setPosixFilePermissions(dir.resolve("local/app-1.conf"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(dir.resolve("local/app-2.conf"), "two");
        Files.writeString(local.resolve("extra.conf"), "extra");
        Path remote = dir.resolve("remote");
        TransferResult.Done put = assertInstanceOf(TransferResult.Done.class,
                transfer(TransferRequest.Direction.PUT, dir + "/local/app-*.conf", remote.toString()));
        assertEquals(java.util.List.of(remote + "/app-1.conf", remote + "/app-2.conf"), put.written());
        assertEquals("rwxr-x---", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(remote.resolve("app-1.conf"))), "the mode is kept, as scp keeps it");
        assertInstanceOf(TransferResult.Done.class, transfer(TransferRequest.Direction.PUT, local.toString(), remote.toString()));
        assertEquals("extra", Files.readString(remote.resolve("conf.d/extra.conf")));

        TransferResult.Done got = assertInstanceOf(TransferResult.Done.class,
                transfer(TransferRequest.Direction.GET, remote + "/*", dir.resolve("back").toString()));
        assertEquals(java.util.List.of(dir + "/back/app-1.conf", dir + "/back/app-2.conf", dir + "/back/conf.d/extra.conf"),
                got.written());
        assertEquals("two", Files.readString(dir.resolve("back/app-2.conf")));
    }

    @Test
    void aTransferOfNothingFailsAndALoginFailureIsUnreachable() throws Exception {
        assertEquals(new TransferResult.Failed("get: no such file: " + dir + "/nothing-*"),
                transfer(TransferRequest.Direction.GET, dir + "/nothing-*", dir.toString()));
        TransferResult refused = transport.transfer(new TransferRequest(password("wrong"), TransferRequest.Direction.PUT,
                dir.toString(), "/tmp", null, false, true, null, false)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertInstanceOf(TransferResult.Unreachable.class, refused);
    }

    @Test
    void concurrentCommandsToOneHostShareABoundedNumberOfConnections() throws Exception {
        try (SshTransport bounded = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts).withBounds(2, 2))) {
            java.util.List<java.util.concurrent.CompletableFuture<CommandResult>> running = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                running.add(bounded.execute(request(password(TestSshServer.PASSWORD), "sleep 0.3; echo done", "", null))
                        .toCompletableFuture());
            }
            for (var r : running) {
                assertEquals("done\n", text(assertInstanceOf(CommandResult.Completed.class, r.get(60, TimeUnit.SECONDS)).stdout()));
            }
            assertEquals(2, server.connectionsAccepted(), "8 commands, 2 sessions per connection, 2 connections per host");
        }
    }

    @Test
    void putWithSudoPlacesTheFilesAsRootAndGetWithSudoIsRefused() throws Exception {
        Path local = Files.createDirectories(dir.resolve("outgoing/conf"));
        Files.writeString(local.resolve("app.conf"), "root-owned");
        Path remote = dir.resolve("etc");
        TransferResult.Done done = assertInstanceOf(TransferResult.Done.class, transport.transfer(new TransferRequest(
                password(TestSshServer.PASSWORD), TransferRequest.Direction.PUT, local.toString(), remote.toString(), null, true,
                true, null, false)).toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(java.util.List.of(remote + "/app.conf"), done.written());
        assertEquals("root-owned", Files.readString(remote.resolve("app.conf")));
        assertTrue(Files.list(Path.of("/tmp")).noneMatch(p -> p.getFileName().toString().startsWith("kompira-put-")
                && p.toFile().lastModified() > System.currentTimeMillis() - 60_000), "the staging folder is removed");
        assertEquals(new TransferResult.Failed("get: __sudo__ is not supported: files are read as the login user"),
                transport.transfer(new TransferRequest(password(TestSshServer.PASSWORD), TransferRequest.Direction.GET,
                        remote + "/app.conf", dir.toString(), null, true, true, null, false)).toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
}
