package dev.kompira.ssh;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} on a loopback port, for integration tests and benchmarks: its own
 * generated host key, and key login with a generated key (no password, no PAM) for the test user
 * {@value #TEST_USER} when the tests run as root and it exists ({@code .ci/run} creates it), else for
 * the user running the tests. Needs {@code /usr/sbin/sshd} and {@code ssh-keygen} (Debian's
 * {@code openssh-server}; {@code .ci/run} installs it). Several may run at once, each in its own folder.
 */
public final class OpenSshServer implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** The unprivileged login of the tests: OpenSSH refuses signals to the sessions of a root login. */
    public static final String TEST_USER = "kompira-it";

    private final Path folder;
    private final int port;
    private final Process sshd;

    private OpenSshServer(Path folder, int port, Process sshd) {
        this.folder = folder;
        this.port = port;
        this.sshd = sshd;
    }

    /** Returns whether sshd and ssh-keygen are installed. */
    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    /**
     * Starts sshd in {@code folder} (created), with the user key {@code clientKey} (made by
     * {@link #clientKey} when missing) authorized, and waits until it accepts connections.
     */
    public static OpenSshServer start(Path folder, Path clientKey) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        keygen(folder.resolve("ssh_host_ed25519_key"));
        Files.copy(clientKey.resolveSibling(clientKey.getFileName() + ".pub"), folder.resolve("authorized_keys"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        }
        if (!loginUser().equals(System.getProperty("user.name"))) {
            authorizeForTestUser(clientKey);
        }
        int port = freePort();
        Path config = folder.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + folder.resolve("ssh_host_ed25519_key"),
                "PidFile " + folder.resolve("sshd.pid"),
                "AuthorizedKeysFile .ssh/authorized_keys " + folder.resolve("authorized_keys"),
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "MaxSessions 64",
                "MaxStartups 200",
                "Subsystem sftp internal-sftp",
                "LogLevel " + System.getProperty("kompira.sshd.loglevel", "ERROR"),
                ""), StandardCharsets.UTF_8);
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("sshd.log").toFile()).start();
        OpenSshServer server = new OpenSshServer(folder, port, sshd);
        server.awaitListening();
        return server;
    }

    /** The user the tests log in as: {@value #TEST_USER} when running as root and it exists, else the current user. */
    public static String loginUser() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root && Files.isDirectory(Path.of("/home", TEST_USER)) ? TEST_USER : System.getProperty("user.name");
    }

    /** Adds the client key to the test user's own authorized_keys, which sshd reads as that user. */
    private static void authorizeForTestUser(Path clientKey) throws IOException {
        Path ssh = Path.of("/home", TEST_USER, ".ssh");
        Path keys = ssh.resolve("authorized_keys");
        String line = Files.readString(clientKey.resolveSibling(clientKey.getFileName() + ".pub"));
        Files.createDirectories(ssh);
        String existing = Files.exists(keys) ? Files.readString(keys) : "";
        if (!existing.contains(line.strip())) {
            Files.writeString(keys, existing + line);
        }
        var owner = ssh.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(TEST_USER);
        for (Path p : List.of(ssh, keys)) {
            Files.setOwner(p, owner);
        }
        Files.setPosixFilePermissions(ssh, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** Makes the client key {@code file} (and {@code file.pub}) unless it exists; returns it. */
    public static Path clientKey(Path file) throws IOException, InterruptedException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            keygen(file);
        }
        return file;
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IOException("ssh-keygen failed for " + file + ": " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IOException("sshd exited with " + sshd.exitValue() + ": " + Files.readString(folder.resolve("sshd.log")));
            }
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("sshd did not listen on port " + port + " within 10 s: " + Files.readString(folder.resolve("sshd.log")));
    }

    /** The port sshd listens on. */
    public int port() {
        return port;
    }

    /** This server's line for a known_hosts file. */
    public String knownHostsLine() throws IOException {
        String[] publicKey = Files.readString(folder.resolve("ssh_host_ed25519_key.pub")).strip().split(" ");
        return "[127.0.0.1]:" + port + " " + publicKey[0] + " " + publicKey[1] + "\n";
    }

    /** Kills the per-connection sshd processes, as if the server died under its connections. */
    public void killConnections() {
        sshd.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Returns whether a process started through this server has {@code text} in its command line. */
    public boolean runs(String text) {
        return sshd.descendants().anyMatch(p -> p.info().commandLine().orElse("").contains(text));
    }

    /** The sshd processes serving connections now. */
    public List<ProcessHandle> connectionProcesses() {
        return sshd.descendants().filter(p -> p.parent().map(parent -> parent.pid() == sshd.pid()).orElse(false)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        sshd.descendants().forEach(ProcessHandle::destroyForcibly);
        sshd.destroy();
        if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
            sshd.destroyForcibly().waitFor();
        }
    }
}
