package dev.kompira.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures the start-up of {@code kompira run} on a one-line flow: the whole process, wall clock,
 * median of 10 runs after one unmeasured run (bar: &lt;= 0.6 s). The first argument is the path of
 * {@code kompira.jar} (default {@code kompira-cli/target/kompira.jar}).
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.CliStartup</pre>
 */
public final class CliStartup {

    private static final int RUNS = 10;

    private CliStartup() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path jar = Path.of(args.length > 0 ? args[0] : "kompira-cli/target/kompira.jar");
        Path flow = Files.createTempFile("one-line", ".kjf");
        try {
            Files.writeString(flow, "print('hello')\n", StandardCharsets.UTF_8);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-jar", jar.toString(), "run", flow.toString());
            runOnce(command);
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                seconds.add(runOnce(command));
            }
            Collections.sort(seconds);
            double median = (seconds.get(RUNS / 2 - 1) + seconds.get(RUNS / 2)) / 2;
            System.out.printf("kompira run of a one-line flow: median %.3f s over %d runs (min %.3f, max %.3f; bar: <= 0.6 s)%n",
                    median, RUNS, seconds.get(0), seconds.get(RUNS - 1));
        } finally {
            Files.deleteIfExists(flow);
        }
    }

    private static double runOnce(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.equals("hello\n")) {
            throw new IOException("kompira run failed: " + out);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
