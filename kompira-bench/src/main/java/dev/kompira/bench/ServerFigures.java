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
import java.nio.charset.StandardCharsets;
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
import java.util.function.IntFunction;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * The figures of {@code kompira serve} (docs/server.md, "Performance"), against a server on a loopback
 * port in this JVM, from {@value #CLIENTS} client threads on Apache HttpClient's blocking client
 * (HTTP/1.1, keep-alive, a connection per thread). The clients share the machine's cores with the
 * server, so a client that costs less CPU a request leaves more to the server: the JDK's client hands
 * every response from its selector thread to a worker, and in profiles of the whole run took 30% of
 * the JVM's CPU where this one takes 18% while four times as many requests are answered. Each figure
 * follows a warm-up of the same work, so that the JIT compiler has settled.
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
    static final int WARM_UP_ROUNDS = 3;

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
                    .listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
                    CloseableHttpClient http = HttpClients.custom().setConnectionManager(
                            PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(CLIENTS).setMaxConnTotal(CLIENTS).build())
                            .build()) {
                String base = "http://127.0.0.1:" + server.port() + "/api/v1";
                starts(engine, http, base, token);
                events(engine, http, base, token);
            }
        } finally {
            TempFolders.delete(dir);
        }
    }

    private static void starts(Kompira engine, CloseableHttpClient http, String base, String token) throws Exception {
        Call overHttp = () -> {
            ClassicHttpRequest request = ClassicRequestBuilder.post(base + "/processes?wait=true")
                    .setHeader("Authorization", "Bearer " + token)
                    .setEntity(new StringEntity("{\"path\": \"/trivial\"}", ContentType.APPLICATION_JSON)).build();
            Answer answer = send(http, request);
            if (answer.status() != 201 || !answer.body().contains("\"state\":\"DONE\"")) {
                throw new IllegalStateException("the start did not end DONE: " + answer);
            }
        };
        Call throughJava = () -> {
            JobflowProcess p = engine.start("/trivial", Map.<String, Value>of(), StartOptions.DEFAULT);
            ProcessOutcome outcome = p.await();
            if (outcome.exitStatus() != 0) {
                throw new IllegalStateException("the flow failed: " + outcome);
            }
        };
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            latencies(overHttp);
            latencies(throughJava);
        }
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

    /** A response: its status and body. */
    private record Answer(int status, String body) {
    }

    private static Answer send(CloseableHttpClient http, ClassicHttpRequest request) throws Exception {
        return http.execute(request, response -> new Answer(response.getCode(), EntityUtils.toString(response.getEntity())));
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
    private static double requests(CloseableHttpClient http, IntFunction<ClassicHttpRequest> request, int status) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                        Answer answer = send(http, request.apply(i));
                        if (answer.status() != status) {
                            throw new IllegalStateException("the request was refused: " + answer);
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

    private static void events(Kompira engine, CloseableHttpClient http, String base, String token) throws Exception {
        String channel = base + "/channels/box/messages";
        IntFunction<ClassicHttpRequest> message = i -> ClassicRequestBuilder.post(channel).setHeader("Authorization", "Bearer " + token)
                .setEntity(new StringEntity("PROBLEM " + i, ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8))).build();
        ClassicHttpRequest end = ClassicRequestBuilder.post(channel).setHeader("Authorization", "Bearer " + token)
                .setEntity(new StringEntity("end", ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8))).build();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            JobflowProcess warming = engine.start("/counter", Map.<String, Value>of(), StartOptions.DEFAULT);
            requests(http, message, 202);
            send(http, end);
            warming.await(Duration.ofMinutes(5));
        }
        JobflowProcess counter = engine.start("/counter", Map.<String, Value>of(), StartOptions.DEFAULT);
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        requests(http, message, 202);
        long sent = System.nanoTime();
        send(http, end);
        ProcessOutcome outcome = counter.await(Duration.ofMinutes(5));
        long done = System.nanoTime();
        long cpu = cpuNanos() - cpu0;
        System.out.printf("%d messages POSTed to a channel by %d clients, a flow receiving them in a while loop:%n", MESSAGES, CLIENTS);
        System.out.printf("  %,.0f messages/s sent (all answered 202 in %.2f s), %,.0f messages/s received by the flow "
                        + "(ended after %.2f s) (bar: >= 5 000/s); the flow counted %s of %d%n",
                MESSAGES / ((sent - t0) / 1e9), (sent - t0) / 1e9, MESSAGES / ((done - t0) / 1e9), (done - t0) / 1e9,
                outcome.result(), MESSAGES);
        System.out.printf("  CPU of this JVM (server, engine and clients): %.0f us a message%n", cpu / 1e3 / MESSAGES);
        IntFunction<ClassicHttpRequest> health = i -> ClassicRequestBuilder.get(base + "/health")
                .setHeader("Authorization", "Bearer " + token).build();
        requests(http, health, 200);
        long cpuHealth = cpuNanos();
        double floor = requests(http, health, 200);
        System.out.printf("  reference: GET /api/v1/health from the same clients, %,.0f requests/s, %.0f us of CPU a request%n",
                MESSAGES / floor, (cpuNanos() - cpuHealth) / 1e3 / MESSAGES);
    }
}
