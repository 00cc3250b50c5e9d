package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.http.LoopbackHttpServer;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code urlopen} against a local HTTP server serving a 1 KiB body, in one run: {@value #REQUESTS}
 * sequential GETs from a jobflow against CPython's {@code urllib.request} doing the same
 * ({@code python3} on the PATH; bar: ours / CPython's &lt;= 1.0), then {@value #REQUESTS} GETs
 * from a {@code pfor} of {@value #CHILDREN} children, with the TCP connections the server saw for
 * each (connection reuse), and Java's HTTP client alone in a loop, the floor under urlopen. Each
 * measurement warms up with {@value #WARM_UP} requests first and has a server of its own; the
 * sequential figures are medians of {@value #ROUNDS} rounds that alternate the three, so that
 * neither side is measured while the JIT compiler still works on the other.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.UrlopenFigures</pre>
 */
public final class UrlopenFigures {

    static final int REQUESTS = 1000;
    static final int CHILDREN = 50;
    static final int WARM_UP = 5000;
    static final int ROUNDS = 5;
    private static final byte[] BODY = new byte[1024];

    private static final String SEQUENTIAL = "| url = '' |\n| n = 0 |\n"
            + "{ for i in n | urlopen(url) -> { if length($RESULT.content) != 1024 | abort('bad answer: %code' % $RESULT) } }\n";
    private static final String PARALLEL = "| url = '' |\n| n = 0 |\n"
            + "{ pfor c in " + CHILDREN + " | { for i in n | urlopen(url) ->"
            + " { if length($RESULT.content) != 1024 | abort('bad answer: %code' % $RESULT) } } }\n";
    private static final String CPYTHON = String.join("\n",
            "import sys, time, urllib.request",
            "warm_url, url, warm, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])",
            "def run(u, k):",
            "    for i in range(k):",
            "        with urllib.request.urlopen(u) as r:",
            "            assert r.status == 200 and len(r.read()) == 1024",
            "run(warm_url, warm)",
            "start = time.perf_counter()",
            "run(url, n)",
            "print((time.perf_counter() - start) * 1000)");

    private UrlopenFigures() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) throws Exception {
        Arrays.fill(BODY, (byte) 'x');
        // the JDK's HTTP client is most of urlopen's cost, and it is three times faster on Java 25 than on 17
        System.out.printf("Java %s (%s)%n", Runtime.version(), System.getProperty("java.vm.vendor"));
        try (Kompira engine = Kompira.builder().build()) {
            CompiledFlow sequentialFlow = engine.compile("sequential.kjf", SEQUENTIAL);
            List<Measured> kompiras = new ArrayList<>();
            List<Measured> pythons = new ArrayList<>();
            List<Measured> jdks = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                kompiras.add(kompira(engine, sequentialFlow, 1));
                pythons.add(cpython());
                jdks.add(jdkClient());
                System.out.printf("round %d: kompira %.1f ms, CPython %.1f ms, HttpClient alone %.1f ms%n", round + 1,
                        kompiras.get(round).millis(), pythons.get(round).millis(), jdks.get(round).millis());
            }
            Measured sequential = median(kompiras);
            Measured python = median(pythons);
            Measured jdk = median(jdks);
            Measured parallel = kompira(engine, engine.compile("parallel.kjf", PARALLEL), CHILDREN);
            System.out.printf("%n%d sequential GETs of 1 KiB, kompira urlopen: %7.1f ms, %4d connections%n", REQUESTS,
                    sequential.millis(), sequential.connections());
            System.out.printf("%d sequential GETs of 1 KiB, CPython urllib: %7.1f ms, %4d connections%n", REQUESTS,
                    python.millis(), python.connections());
            System.out.printf("%d sequential GETs of 1 KiB, Java's HttpClient alone: %7.1f ms, %4d connections%n", REQUESTS,
                    jdk.millis(), jdk.connections());
            System.out.printf("ratio kompira/CPython: %.2f (bar: <= 1.0); kompira/HttpClient alone: %.2f%n",
                    sequential.millis() / python.millis(), sequential.millis() / jdk.millis());
            System.out.printf("%d GETs from a pfor of %d children, kompira: %7.1f ms, %4d connections (%.0f requests/s)%n",
                    REQUESTS, CHILDREN, parallel.millis(), parallel.connections(), REQUESTS / (parallel.millis() / 1000));
        }
    }

    /** The run of median time. */
    private static Measured median(List<Measured> runs) {
        List<Measured> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Measured::millis));
        return sorted.get(sorted.size() / 2);
    }

    /** A timed run and the TCP connections the server saw during it. */
    private record Measured(double millis, int connections) {
    }

    private static LoopbackHttpServer server() throws IOException {
        return LoopbackHttpServer.http().on("/kib", ex -> LoopbackHttpServer.respond(ex, 200, "application/octet-stream", BODY));
    }

    /** Runs {@code flow}, whose {@code n} is the requests of each of its {@code processes} (1 or the pfor's children). */
    private static Measured kompira(Kompira engine, CompiledFlow flow, int processes) throws Exception {
        try (LoopbackHttpServer warm = server(); LoopbackHttpServer measured = server()) {
            run(engine, flow, warm.base() + "/kib", WARM_UP / processes);
            long start = System.nanoTime();
            run(engine, flow, measured.base() + "/kib", REQUESTS / processes);
            return new Measured((System.nanoTime() - start) / 1e6, measured.connections());
        }
    }

    private static void run(Kompira engine, CompiledFlow flow, String url, int n) throws Exception {
        ProcessOutcome outcome = engine.start(flow, Map.of("url", StringValue.of(url),
                "n", IntegerValue.of(n))).await();
        if (!outcome.isDone()) {
            throw new IllegalStateException("the benchmark flow failed: " + outcome);
        }
    }

    /** The floor under urlopen: Java's HTTP client in a plain loop, set up as the engine sets it up. */
    private static Measured jdkClient() throws Exception {
        HttpClient client = HttpClient.newBuilder().executor(Runnable::run).build();
        try (LoopbackHttpServer warm = server(); LoopbackHttpServer measured = server()) {
            get(client, warm.base() + "/kib", WARM_UP);
            long start = System.nanoTime();
            get(client, measured.base() + "/kib", REQUESTS);
            return new Measured((System.nanoTime() - start) / 1e6, measured.connections());
        }
    }

    private static void get(HttpClient client, String url, int n) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < n; i++) {
            if (client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).get().body().length != BODY.length) {
                throw new IllegalStateException("bad answer");
            }
        }
    }

    private static Measured cpython() throws Exception {
        try (LoopbackHttpServer warm = server(); LoopbackHttpServer measured = server()) {
            Process p = new ProcessBuilder("python3", "-c", CPYTHON, warm.base() + "/kib", measured.base() + "/kib",
                    String.valueOf(WARM_UP), String.valueOf(REQUESTS)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IOException("python3 failed: " + out);
            }
            return new Measured(Double.parseDouble(out), measured.connections());
        }
    }
}
