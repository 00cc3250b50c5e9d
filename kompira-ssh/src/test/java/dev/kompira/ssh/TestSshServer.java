package dev.kompira.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An embedded SSH server (Apache MINA SSHD) on a loopback port for the tests: one user who logs in
 * with a password or a key, exec requests run as real local processes through {@code /bin/sh -c},
 * direct-tcpip channels allowed (so that it can be a jump host), SFTP, and a count of the connections it
 * accepted.
 */
public final class TestSshServer implements AutoCloseable {

    public static final String USER = "ops";
    public static final String PASSWORD = "s3cret-Pa55";

    private final Path hostKeyFile;
    private final PublicKey userKey;
    /** The running server; a simulated reboot replaces it (MINA does not start a stopped server again). */
    private volatile SshServer sshd;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger reboots = new AtomicInteger();
    private volatile Duration rebootDowntime;

    /** Starts a server whose host key lives in {@code hostKeyFile} (made on first use) and that also accepts {@code userKey}. */
    public TestSshServer(Path hostKeyFile, PublicKey userKey) throws IOException {
        this.hostKeyFile = hostKeyFile;
        this.userKey = userKey;
        this.sshd = start(0);
    }

    private SshServer start(int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && userKey != null && KeyUtils.compareKeys(key, userKey));
        server.setCommandFactory((channel, command) -> rebootDowntime != null && command.endsWith("'reboot'")
                ? reboot(channel) : new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.setShellFactory(new ProcessShellFactory("/bin/sh", "/bin/sh"));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connections.incrementAndGet();
                open.incrementAndGet();
            }

            @Override
            public void sessionClosed(Session session) {
                open.decrementAndGet();
            }
        });
        server.start();
        return server;
    }

    /**
     * Makes a {@code reboot} command (as the transport sends it, through sudo) stop the server and
     * start it again on the same port after {@code downtime}, as a host that reboots would.
     */
    public void simulateReboots(Duration downtime) {
        rebootDowntime = downtime;
    }

    /** How many simulated reboots were issued. */
    public int reboots() {
        return reboots.get();
    }

    private Command reboot(ChannelSession channel) {
        reboots.incrementAndGet();
        Thread restart = new Thread(() -> {
            try {
                int port = sshd.getPort();
                Thread.sleep(100);
                sshd.stop(true);
                Thread.sleep(rebootDowntime.toMillis());
                sshd = start(port);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("the simulated reboot failed", e);
            }
        }, "test-sshd-reboot");
        restart.setDaemon(true);
        restart.start();
        return new ProcessShellFactory("true", "/bin/sh", "-c", "true").createShell(channel);
    }

    public int port() {
        return sshd.getPort();
    }

    /** How many connections the server has accepted so far. */
    int connectionsAccepted() {
        return connections.get();
    }

    /** How many connections are open now. */
    int connectionsOpen() {
        return open.get();
    }

    /** The server's host key. */
    PublicKey hostKey() throws IOException, GeneralSecurityException {
        KeyPair pair = sshd.getKeyPairProvider().loadKeys(null).iterator().next();
        return pair.getPublic();
    }

    /** The server's line in an OpenSSH known_hosts file. */
    public String knownHostsLine() throws IOException, GeneralSecurityException {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey()) + "\n";
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
