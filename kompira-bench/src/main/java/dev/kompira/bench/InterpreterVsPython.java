package dev.kompira.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link InterpreterBenchmark} and the same loop in CPython 3 ({@code python3} on the PATH) in
 * one run, and prints both times and their ratio (bar: ours / CPython's &lt;= 1.0). CPython runs the
 * loop as a top-level script (the variables of a jobflow are jobflow-scope variables, like module
 * globals), timed with {@code timeit} after a warm-up, best of the repeats excluded: the median
 * is reported. Extra arguments are passed to JMH.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.InterpreterVsPython</pre>
 */
public final class InterpreterVsPython {

    private static final String PYTHON = String.join("\n",
            "import statistics, timeit",
            "code = compile('n = 1000000\\ns = 0\\nfor i in range(n):\\n    s = s + i\\nr = s', 'loop', 'exec')",
            "timeit.repeat(lambda: exec(code, {}), number=1, repeat=3)",
            "times = timeit.repeat(lambda: exec(code, {}), number=1, repeat=15)",
            "print(statistics.median(times) * 1000)");

    private InterpreterVsPython() {
    }

    /** Runs the comparison. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException,
            InterruptedException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(InterpreterBenchmark.class.getName())
                .build()).run();
        double ours = results.iterator().next().getPrimaryResult().getScore();
        double python = python();
        System.out.printf("%nkompira loop: %.1f ms per run (JMH average, warm engine)%n", ours);
        System.out.printf("CPython loop: %.1f ms per run (timeit median)%n", python);
        System.out.printf("ratio kompira/CPython: %.2f (bar: <= 1.0)%n", ours / python);
    }

    private static double python() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", PYTHON).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("python3 failed: " + out);
        }
        return Double.parseDouble(out);
    }
}
