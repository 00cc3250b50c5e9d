package dev.kompira.bench;

import dev.kompira.amqp.AmqpTransport;
import dev.kompira.amqp.JobManager;
import dev.kompira.amqp.PrivateBroker;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.LocalTransport;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.Transport;
import dev.kompira.ssh.OpenSshServer;
import dev.kompira.ssh.SshOptions;
import dev.kompira.ssh.SshTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Job managers against the in-engine SSH transport, in one run: {@value #JOBS} {@code hostname}
 * commands over {@value #HOSTS} OpenSSH sshd on loopback, {@value #HOSTS} {@code pfor} children of
 * {@value #PER_HOST} commands each (cached connections, as a flow runs them by default); once with the
 * engine's own SSH transport, once through a private RabbitMQ broker to {@value #WORKERS} job managers,
 * each a JVM of its own with a concurrency of {@value #CONCURRENCY}. Throughput (commands per second)
 * and the 50th and 99th percentile of a command's latency (from the engine handing it to its transport
 * to its result); bar: AMQP throughput &gt;= 0.8 x in-engine. Then the broker's and the engine's
 * processor time per command, from which docs/jobmanagers.md estimates N job managers on N machines.
 * One unmeasured round of each first, then {@value #ROUNDS} measured rounds alternating; medians.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.JobManagerFigures</pre>
 *
 * Needs rabbitmq-server, sshd and ssh-keygen.
 */
public final class JobManagerFigures {

    static final int HOSTS = 50;
    static final int PER_HOST = 40;
    static final int JOBS = HOSTS * PER_HOST;
    static final int WORKERS = 3;
    static final int CONCURRENCY = 17;
    static final int ROUNDS = 3;

    private JobManagerFigures() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("worker")) {
            worker(URI.create(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
        Path folder = Files.createTempDirectory("kompira-jobmanager-figures");
        Path key = OpenSshServer.clientKey(folder.resolve("client/id_ed25519"));
        List<OpenSshServer> servers = new ArrayList<>();
        List<Process> workers = new ArrayList<>();
        try (PrivateBroker broker = PrivateBroker.start(1)) {
            for (int i = 0; i < HOSTS; i++) {
                servers.add(OpenSshServer.start(folder.resolve("sshd" + i), key));
            }
            Path knownHosts = folder.resolve("known_hosts");
            Files.writeString(knownHosts, servers.stream().map(s -> {
                try {
                    return s.knownHostsLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining()));
            URI uri = URI.create(broker.newVirtualHost());
            for (int i = 0; i < WORKERS; i++) {
                workers.add(startWorker(uri, knownHosts));
            }
            String flow = "[/config/realms.add: 'lab', /system/types/Realm, {range = ['127.0.0.*']}] ->\n"
                    + "[ports = [" + servers.stream().map(s -> String.valueOf(s.port())).collect(Collectors.joining(", ")) + "]] ->\n"
                    + "{ pfor p in ports | { for i in " + PER_HOST + " | [__host__ = '127.0.0.1', __port__ = p, __user__ = '"
                    + OpenSshServer.loginUser() + "', __keyfile__ = '" + key + "'] -> ['hostname'] } }";
            List<Round> inEngine = new ArrayList<>();
            List<Round> overAmqp = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                Round a = inEngine(flow, knownHosts);
                Round b = overAmqp(flow, uri, broker);
                if (round > 0) {
                    inEngine.add(a);
                    overAmqp.add(b);
                }
            }
            Round e = median(inEngine);
            Round q = median(overAmqp);
            System.out.printf("%d hostname commands over %d loopback sshd, pfor of %d (median of %d rounds; %d available processors):%n",
                    JOBS, HOSTS, HOSTS, ROUNDS, Runtime.getRuntime().availableProcessors());
            System.out.printf("  in-engine SSH:              %6.0f commands/s, latency p50 %5.1f ms, p99 %6.1f ms%n",
                    e.throughput(), e.p50(), e.p99());
            System.out.printf("  %d job managers over AMQP:   %6.0f commands/s, latency p50 %5.1f ms, p99 %6.1f ms -> ratio %.2f (bar: >= 0.8)%n",
                    WORKERS, q.throughput(), q.p50(), q.p99(), q.throughput() / e.throughput());
            System.out.printf("  processor time per command over AMQP: engine %.2f ms, broker %.2f ms (in-engine SSH: engine %.2f ms)%n",
                    q.engineCpuMillis(), q.brokerCpuMillis(), e.engineCpuMillis());
        } finally {
            for (Process w : workers) {
                w.destroyForcibly().waitFor();
            }
            for (OpenSshServer s : servers) {
                s.close();
            }
            TempFolders.delete(folder);
        }
    }

    /** A job manager in this JVM, for {@link #startWorker}; prints {@code ready} once it takes requests. */
    private static void worker(URI uri, int concurrency, Path knownHosts) throws Exception {
        JobManager manager = JobManager.start(uri, "lab", concurrency,
                List.of(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)), new LocalTransport()));
        System.out.println("ready");
        System.out.flush();
        manager.awaitClosed();
    }

    private static Process startWorker(URI uri, Path knownHosts) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JobManagerFigures.class.getName(), "worker", uri.toString(),
                String.valueOf(CONCURRENCY), knownHosts.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IOException("the job manager did not start: " + line);
        }
        return p;
    }

    private static Round inEngine(String flow, Path knownHosts) throws Exception {
        Latencies latencies = new Latencies();
        Transport ssh = latencies.timed(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)));
        try (Kompira engine = Kompira.builder().transport(ssh).build()) {
            return run(engine, flow, latencies, null);
        }
    }

    private static Round overAmqp(String flow, URI uri, PrivateBroker broker) throws Exception {
        Latencies latencies = new Latencies();
        try (Kompira engine = Kompira.builder().jobManagers(latencies.timed(AmqpTransport.connect(uri))).build()) {
            return run(engine, flow, latencies, broker);
        }
    }

    private static Round run(Kompira engine, String flow, Latencies latencies, PrivateBroker broker) throws Exception {
        var compiled = engine.compile("jobmanagers.kjf", flow);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        Duration brokerCpu = broker == null ? Duration.ZERO : broker.cpuTime();
        long start = System.nanoTime();
        ProcessOutcome outcome = engine.start(compiled, Map.of()).await();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!outcome.isDone() || latencies.millis.size() != JOBS) {
            throw new IllegalStateException("the flow failed after " + latencies.millis.size() + " commands: " + outcome);
        }
        double engineCpu = (os.getProcessCpuTime() - cpu) / 1e6 / JOBS;
        double brokerMillis = broker == null ? 0 : (broker.cpuTime().minus(brokerCpu).toNanos() / 1e6 / JOBS);
        List<Double> sorted = new ArrayList<>(latencies.millis);
        Collections.sort(sorted);
        return new Round(JOBS / seconds, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                engineCpu, brokerMillis);
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort((a, b) -> Double.compare(a.throughput(), b.throughput()));
        return sorted.get(sorted.size() / 2);
    }

    /** One measured run: commands per second, latency percentiles in ms, processor ms per command. */
    private record Round(double throughput, double p50, double p99, double engineCpuMillis, double brokerCpuMillis) {
    }

    /** The latency of every command a transport ran, in milliseconds. */
    private static final class Latencies {
        final ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();

        <T> CompletionStage<T> time(CompletionStage<T> running) {
            long start = System.nanoTime();
            running.whenComplete((r, e) -> millis.add((System.nanoTime() - start) / 1e6));
            return running;
        }

        Transport timed(Transport inner) {
            return new Transport() {
                @Override
                public boolean supports(String conntype) {
                    return inner.supports(conntype);
                }

                @Override
                public CompletionStage<CommandResult> execute(CommandRequest request) {
                    return time(inner.execute(request));
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        }

        RealmTransport timed(RealmTransport inner) {
            return new RealmTransport() {
                @Override
                public CompletionStage<CommandResult> execute(String realm, CommandRequest request) {
                    return time(inner.execute(realm, request));
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        }
    }
}
