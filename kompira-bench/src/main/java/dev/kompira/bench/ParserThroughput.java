package dev.kompira.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ParseBenchmark} (both parsers in one JMH run, side by side) and prints the throughput
 * of each in MB/s and the ratio of the jobflow parser to Jackson. Extra arguments are passed to JMH
 * (for example {@code -f 3} for more forks).
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.ParserThroughput</pre>
 */
public final class ParserThroughput {

    private ParserThroughput() {
    }

    /** Runs the comparison. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions extra = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(extra)
                .include(ParseBenchmark.class.getName())
                .build()).run();
        double jobflowMb = megabytes(BenchmarkInputs.jobflow(ParseBenchmark.SIZE));
        double jsonMb = megabytes(BenchmarkInputs.json(ParseBenchmark.SIZE));
        double jobflowRate = 0;
        double jsonRate = 0;
        for (RunResult result : results) {
            double millis = result.getPrimaryResult().getScore();
            String name = result.getParams().getBenchmark();
            if (name.endsWith("parseJobflow")) {
                jobflowRate = jobflowMb / (millis / 1000);
            } else if (name.endsWith("parseJson")) {
                jsonRate = jsonMb / (millis / 1000);
            }
        }
        System.out.printf("%njobflow parser: %.1f MB/s (%.2f MB input)%n", jobflowRate, jobflowMb);
        System.out.printf("Jackson readTree: %.1f MB/s (%.2f MB input)%n", jsonRate, jsonMb);
        System.out.printf("ratio jobflow/Jackson: %.2f%n", jobflowRate / jsonRate);
    }

    private static double megabytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length / 1_000_000.0;
    }
}
