package dev.kompira.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PythonLibraryBenchmark} and, in the same run, CPython calling the same function
 * in-process {@value PythonLibraryBenchmark#CALLS} times ({@code python3} on the PATH, {@code timeit}
 * median of 15 after a warm-up), and prints the calls per second of all three (bar: at least 5 000
 * Python library calls per second from a jobflow). Extra arguments are passed to JMH.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.PythonLibraryFigures</pre>
 */
public final class PythonLibraryFigures {

    private static final String CPYTHON = String.join("\n",
            "import statistics, timeit",
            "exec(" + pythonLiteral(PythonLibraryBenchmark.PYTHON_SOURCE) + ")",
            "def run():",
            "    for i in range(" + PythonLibraryBenchmark.CALLS + "):",
            "        inc(i)",
            "timeit.repeat(run, number=1, repeat=3)",
            "print(statistics.median(timeit.repeat(run, number=1, repeat=15)) * 1000)");

    private PythonLibraryFigures() {
    }

    private static String pythonLiteral(String text) {
        return "'" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("'", "\\'") + "'";
    }

    /** Runs the measurements. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(PythonLibraryBenchmark.class.getName())
                .build()).run();
        double python = 0;
        double java = 0;
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("pythonLibrary")) {
                python = r.getPrimaryResult().getScore();
            } else {
                java = r.getPrimaryResult().getScore();
            }
        }
        double cpython = cpython();
        int calls = PythonLibraryBenchmark.CALLS;
        System.out.printf("%nPython library from a jobflow:  %8.0f calls/s (bar: >= 5000)%n", calls / (python / 1000));
        System.out.printf("Java library from a jobflow:    %8.0f calls/s%n", calls / (java / 1000));
        System.out.printf("CPython calling it in-process:  %8.0f calls/s%n", calls / (cpython / 1000));
        System.out.printf("ratios: Python library / Java library %.3f, Python library / CPython in-process %.4f%n",
                java / python, cpython / python);
    }

    private static double cpython() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", CPYTHON).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("python3 failed: " + out);
        }
        return Double.parseDouble(out);
    }
}
