package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.ssh.OpenSshServer;
import dev.kompira.ssh.SshOptions;
import dev.kompira.ssh.SshTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * {@value #COMMANDS} sequential {@code true} commands against OpenSSH's sshd on loopback: from a
 * jobflow over the SSH transport's cached connection, and from a raw sshj loop making the same exec
 * requests ({@code /bin/bash -c 'true'}, as the transport composes them) on one open connection with
 * the same socket option (TCP_NODELAY). The two alternate in rounds of {@value #ROUND} commands, so
 * that the machine's drift falls on both alike; after one unmeasured round each, the totals are
 * compared (bar: ours / raw &lt;= 1.2). Needs {@code /usr/sbin/sshd} (Debian's openssh-server).
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.SshSequential</pre>
 */
public final class SshSequential {

    /** Commands measured on each side. */
    public static final int COMMANDS = 1000;
    /** Commands per alternating round. */
    public static final int ROUND = 100;
    /** The exec request the transport sends for {@code ['true']} with the default shell. */
    static final String EXEC = "/bin/bash -c 'true'";

    private SshSequential() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("kompira-ssh-bench");
        Path key = OpenSshServer.clientKey(folder.resolve("client/id_ed25519"));
        try (OpenSshServer server = OpenSshServer.start(folder.resolve("sshd"), key)) {
            Path knownHosts = folder.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine());
            SSHClient raw = rawClient(server, knownHosts, key);
            try (Kompira engine = Kompira.builder().transport(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts))).build()) {
                CompiledFlow flow = engine.compile("sequential.kjf", "[__host__ = '127.0.0.1', __port__ = " + server.port()
                        + ", __user__ = '" + OpenSshServer.loginUser() + "', __keyfile__ = '" + key + "'] -> { for i in "
                        + ROUND + " | ['true'] }");
                jobflowRound(engine, flow);
                rawRound(raw);
                long ours = 0;
                long sshj = 0;
                for (int done = 0; done < COMMANDS; done += ROUND) {
                    ours += jobflowRound(engine, flow);
                    sshj += rawRound(raw);
                }
                System.out.printf("%d sequential commands over one cached connection: jobflow %.0f ms, raw sshj loop %.0f ms, "
                        + "ratio %.2f (bar: <= 1.2)%n", COMMANDS, ours / 1e6, sshj / 1e6, (double) ours / sshj);
            } finally {
                raw.disconnect();
            }
        } finally {
            TempFolders.delete(folder);
        }
    }

    private static SSHClient rawClient(OpenSshServer server, Path knownHosts, Path key) throws IOException {
        SSHClient raw = new SSHClient();
        raw.addHostKeyVerifier(new OpenSSHKnownHosts(knownHosts.toFile()));
        raw.connect("127.0.0.1", server.port());
        raw.getSocket().setTcpNoDelay(true);
        raw.authPublickey(OpenSshServer.loginUser(), raw.loadKeys(key.toString()));
        return raw;
    }

    /** Runs the flow's {@value #ROUND} commands; returns nanoseconds. */
    private static long jobflowRound(Kompira engine, CompiledFlow flow) throws InterruptedException {
        long start = System.nanoTime();
        ProcessOutcome outcome = engine.start(flow, Map.of()).await();
        if (!outcome.isDone()) {
            throw new IllegalStateException("the benchmark flow failed: " + outcome);
        }
        return System.nanoTime() - start;
    }

    /** Runs {@value #ROUND} exec requests with sshj alone; returns nanoseconds. */
    private static long rawRound(SSHClient raw) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < ROUND; i++) {
            try (Session session = raw.startSession()) {
                Session.Command command = session.exec(EXEC);
                IOUtils.readFully(command.getInputStream());
                command.join();
                if (command.getExitStatus() == null || command.getExitStatus() != 0) {
                    throw new IllegalStateException("true failed: " + command.getExitStatus());
                }
            }
        }
        return System.nanoTime() - start;
    }
}
