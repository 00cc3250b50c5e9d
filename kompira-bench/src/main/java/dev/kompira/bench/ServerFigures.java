package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.value.Value;
import dev.kompira.server.KompiraServer;
import dev.kompira.server.Role;
import dev.kompira.server.TokenStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The figures of {@code kompira serve} (docs/server.md, "Performance"), against a server on a loopback
 * port in this JVM, with the JDK's HTTP client (HTTP/1.1, keep-alive):
 *
 * <ul>
 *   <li>start a trivial flow and wait for it to end ({@code POST /api/v1/processes?wait=true}): p50 and
 *       p99 over {@value #STARTS} requests from {@value #CLIENTS} concurrent clients (bar: p50 ≤ 5 ms,
 *       p99 ≤ 50 ms), and the same through the Java API ({@code Kompira.start} and {@code await}) as the
 *       reference, after as many of each to warm up;
 *   <li>{@value #MESSAGES} messages POSTed to a channel by {@value #CLIENTS} clients while a flow
 *       receives them in a {@code while} loop and counts them: messages a second from the first send
 *       to the flow's end (bar: ≥ 5 000/s), and the count it returns (none lost).
 * </ul>
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.ServerFigures</pre>
 */
public final class ServerFigures {

    static final int STARTS = 2_000;
    static final int CLIENTS = 8;
    static final int MESSAGES = 20_000;

    private ServerFigures() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("kompira-server-figures");
        try (Kompira engine = Kompira.builder().build()) {
            engine.objects().createJobflow("/trivial", "return(1)");
            engine.objects().create("/box", "Channel", Map.of());
            engine.objects().createJobflow("/counter",
                    "[n = 0] -> { while true | </box> -> { if $RESULT == 'end' | break } -> [n = n + 1] } -> return(n)");
            TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
            String token = tokens.create("bench", Role.OPERATOR);
            try (KompiraServer server = KompiraServer.builder().engine(engine).tokens(tokens)
                    .listen(new InetSocketAddress("127.0.0.1", 0)).build().start()) {
                String base = "http://127.0.0.1:" + server.port() + "/api/v1";
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                starts(engine, http, base, token);
                events(engine, http, base, token);
            }
        } finally {
            TempFolders.delete(dir);
        }
    }

    private static void starts(Kompira engine, HttpClient http, String base, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/processes?wait=true"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/trivial\"}")).build();
        Call overHttp = () -> {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 || !r.body().contains("\"state\":\"DONE\"")) {
                throw new IllegalStateException("the start did not end DONE: " + r.statusCode() + " " + r.body());
            }
        };
        Call throughJava = () -> {
            JobflowProcess p = engine.start("/trivial", Map.<String, Value>of(), StartOptions.DEFAULT);
            ProcessOutcome outcome = p.await();
            if (outcome.exitStatus() != 0) {
                throw new IllegalStateException("the flow failed: " + outcome);
            }
        };
        latencies(overHttp);
        latencies(throughJava);
        long cpu0 = cpuNanos();
        long[] java = latencies(throughJava);
        long cpuJava = cpuNanos() - cpu0;
        long[] overHttpNanos = latencies(overHttp);
        long cpuHttp = cpuNanos() - cpu0 - cpuJava;
        System.out.printf("start a trivial flow and wait for DONE, %d starts from %d clients:%n", STARTS, CLIENTS);
        System.out.printf("  over HTTP (POST /api/v1/processes?wait=true)  p50 %6.2f ms  p99 %6.2f ms  %5.0f us of CPU a start"
                + "  (bar: p50 <= 5 ms, p99 <= 50 ms)%n", percentile(overHttpNanos, 50), percentile(overHttpNanos, 99), cpuHttp / 1e3 / STARTS);
        System.out.printf("  Java API (Kompira.start + await), reference   p50 %6.2f ms  p99 %6.2f ms  %5.0f us of CPU a start%n",
                percentile(java, 50), percentile(java, 99), cpuJava / 1e3 / STARTS);
    }

    /** One measured call. */
    private interface Call {
        void run() throws Exception;
    }

    /** Runs {@value #STARTS} calls from {@value #CLIENTS} threads; returns each call's time in nanoseconds, sorted. */
    private static long[] latencies(Call call) throws Exception {
        long[] nanos = new long[STARTS];
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < STARTS; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        call.run();
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** The CPU time this JVM has used, all threads: what the figures cost whatever else the machine runs. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Sends {@value #MESSAGES} requests that {@code request} makes for each number from {@value #CLIENTS} threads; returns the seconds taken. */
    private static double requests(HttpClient http, java.util.function.IntFunction<HttpRequest> request, int status) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                        HttpResponse<String> r = http.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != status) {
                            throw new IllegalStateException("the request was refused: " + r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void events(Kompira engine, HttpClient http, String base, String token) throws Exception {
        JobflowProcess counter = engine.start("/counter", Map.<String, Value>of(), StartOptions.DEFAULT);
        URI channel = URI.create(base + "/channels/box/messages");
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        requests(http, i -> HttpRequest.newBuilder(channel).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString("PROBLEM " + i)).build(), 202);
        long sent = System.nanoTime();
        HttpRequest end = HttpRequest.newBuilder(channel).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("end")).build();
        http.send(end, HttpResponse.BodyHandlers.ofString());
        ProcessOutcome outcome = counter.await(Duration.ofMinutes(5));
        long done = System.nanoTime();
        long cpu = cpuNanos() - cpu0;
        System.out.printf("%d messages POSTed to a channel by %d clients, a flow receiving them in a while loop:%n", MESSAGES, CLIENTS);
        System.out.printf("  %,.0f messages/s sent (all answered 202 in %.2f s), %,.0f messages/s received by the flow "
                        + "(ended after %.2f s) (bar: >= 5 000/s); the flow counted %s of %d%n",
                MESSAGES / ((sent - t0) / 1e9), (sent - t0) / 1e9, MESSAGES / ((done - t0) / 1e9), (done - t0) / 1e9,
                outcome.result(), MESSAGES);
        System.out.printf("  CPU of this JVM (server, engine and clients): %.0f us a message%n", cpu / 1e3 / MESSAGES);
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).header("Authorization", "Bearer " + token).build();
        requests(http, i -> health, 200);
        long cpuHealth = cpuNanos();
        double floor = requests(http, i -> health, 200);
        System.out.printf("  reference: GET /api/v1/health from the same clients, %,.0f requests/s, %.0f us of CPU a request%n",
                MESSAGES / floor, (cpuNanos() - cpuHealth) / 1e3 / MESSAGES);
    }
}
