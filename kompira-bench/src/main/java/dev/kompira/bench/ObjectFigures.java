package dev.kompira.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ObjectBenchmark} and prints the figures of the object model issue next to their bars.
 * Extra arguments are passed to JMH.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.ObjectFigures</pre>
 */
public final class ObjectFigures {

    private ObjectFigures() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(ObjectBenchmark.class.getName())
                .build()).run();
        double reads = 0;
        double find = 0;
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("fieldReads")) {
                reads = r.getPrimaryResult().getScore();
            } else {
                find = r.getPrimaryResult().getScore();
            }
        }
        System.out.printf("%nfield reads from a jobflow: %.0f per second (bar: >= 1000000)%n", ObjectBenchmark.READS / (reads / 1000));
        System.out.printf("find with one field filter over %d objects: %.1f ms (bar: <= 100 ms)%n", ObjectBenchmark.OBJECTS, find);
    }
}
