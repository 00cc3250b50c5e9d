package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.ssh.OpenSshServer;
import dev.kompira.ssh.SshOptions;
import dev.kompira.ssh.SshTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fan-out to {@value #HOSTS} OpenSSH sshd instances on loopback (different ports), each running
 * {@code hostname} on a fresh connection: a jobflow's {@code pfor} with {@code __use_cache__ = false}
 * on a transport with an empty cache, versus {@value #HOSTS} parallel OpenSSH clients
 * ({@code xargs -P 50 ssh ... hostname}, the practical floor) and versus
 * {@code ansible all -f 50 -m command -a hostname} (ansible-core from Debian, its connection sharing
 * off so that it too connects afresh), alternating over {@value #ROUNDS} rounds after one unmeasured
 * round of each; medians are compared (bars: ours &lt;= 1.2 x the OpenSSH clients, &lt;= 0.2 x ansible).
 * Needs sshd, ssh and, for the third figure, ansible.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.SshFanOut</pre>
 */
public final class SshFanOut {

    /** The sshd instances. */
    public static final int HOSTS = 50;
    /** Measured rounds of each tool. */
    public static final int ROUNDS = 5;

    private SshFanOut() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("kompira-ssh-fanout");
        Path key = OpenSshServer.clientKey(folder.resolve("client/id_ed25519"));
        List<OpenSshServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                servers.add(OpenSshServer.start(folder.resolve("sshd" + i), key));
            }
            Path knownHosts = folder.resolve("known_hosts");
            StringBuilder lines = new StringBuilder();
            for (OpenSshServer s : servers) {
                lines.append(s.knownHostsLine());
            }
            Files.writeString(knownHosts, lines);
            String ports = servers.stream().map(s -> String.valueOf(s.port())).collect(Collectors.joining(", "));
            Fleet fleet = new Fleet(folder, key, knownHosts, servers);
            boolean ansible = fleet.hasAnsible();
            List<Double> ours = new ArrayList<>();
            List<Double> openssh = new ArrayList<>();
            List<Double> ansibles = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                double a = jobflow(key, knownHosts, ports);
                double b = fleet.openSshClients();
                double c = ansible ? fleet.ansible() : Double.NaN;
                if (round > 0) {
                    ours.add(a);
                    openssh.add(b);
                    ansibles.add(c);
                }
            }
            double o = median(ours);
            double s = median(openssh);
            System.out.printf("fan-out to %d sshd instances, hostname on fresh connections (median of %d rounds):%n", HOSTS, ROUNDS);
            System.out.printf("  kompira pfor: %.2f s%n  %d parallel OpenSSH clients: %.2f s -> ratio %.2f (bar: <= 1.2)%n",
                    o, HOSTS, s, o / s);
            if (ansible) {
                double n = median(ansibles);
                System.out.printf("  ansible -f %d: %.2f s -> ratio %.2f (bar: <= 0.2)%n", HOSTS, n, o / n);
            } else {
                System.out.println("  ansible: not installed (apt-get install ansible-core)");
            }
        } finally {
            for (OpenSshServer s : servers) {
                s.close();
            }
            TempFolders.delete(folder);
        }
    }

    /** One pfor over the ports on a new transport (an empty connection cache); returns seconds. */
    private static double jobflow(Path key, Path knownHosts, String ports) throws Exception {
        StringBuilder console = new StringBuilder();
        try (Kompira engine = Kompira.builder().transport(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)))
                .console((pid, text) -> {
                    synchronized (console) {
                        console.append(text);
                    }
                }).build()) {
            String flow = "[ports = [" + ports + "]] -> { pfor p in ports | [__host__ = '127.0.0.1', __port__ = p, __user__ = '"
                    + OpenSshServer.loginUser() + "', __keyfile__ = '" + key + "', __use_cache__ = false] -> ['hostname'] -> "
                    + "print($RESULT) }";
            var compiled = engine.compile("fanout.kjf", flow);
            long start = System.nanoTime();
            ProcessOutcome outcome = engine.start(compiled, Map.of()).await();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!outcome.isDone() || console.toString().lines().count() != HOSTS) {
                throw new IllegalStateException("the fan-out flow failed: " + outcome + "\n" + console);
            }
            return seconds;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The other tools, run as processes against the same servers. */
    private record Fleet(Path folder, Path key, Path knownHosts, List<OpenSshServer> servers) {

        private String sshOptions() {
            return "-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + knownHosts + " -o ControlMaster=no -i " + key;
        }

        boolean hasAnsible() {
            return Files.isExecutable(Path.of("/usr/bin/ansible"));
        }

        double openSshClients() throws IOException, InterruptedException {
            String ports = servers.stream().map(s -> String.valueOf(s.port())).collect(Collectors.joining("\n"));
            String script = "printf '%s\\n' '" + ports.replace("\n", "' '") + "' | xargs -P " + HOSTS + " -I{} ssh " + sshOptions()
                    + " -p {} " + OpenSshServer.loginUser() + "@127.0.0.1 hostname";
            return timed(List.of("bash", "-c", script), Map.of());
        }

        double ansible() throws IOException, InterruptedException {
            Path inventory = folder.resolve("inventory");
            if (!Files.exists(inventory)) {
                StringBuilder hosts = new StringBuilder("[all]\n");
                for (int i = 0; i < servers.size(); i++) {
                    hosts.append("h").append(i).append(" ansible_host=127.0.0.1 ansible_port=").append(servers.get(i).port())
                            .append(" ansible_user=").append(OpenSshServer.loginUser())
                            .append(" ansible_ssh_private_key_file=").append(key).append('\n');
                }
                Files.writeString(inventory, hosts);
            }
            return timed(List.of("ansible", "all", "-i", inventory.toString(), "-f", String.valueOf(HOSTS), "-m", "command", "-a", "hostname"),
                    Map.of("ANSIBLE_SSH_ARGS", sshOptions(), "ANSIBLE_HOST_KEY_CHECKING", "True",
                            "ANSIBLE_LOCAL_TEMP", folder.resolve("ansible-tmp").toString(), "ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3"));
        }

        private static double timed(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + out);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
