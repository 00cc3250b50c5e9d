package dev.kompira.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ProcessBenchmark} (JMH) and {@link ParkedProcesses}, and prints the figures of the
 * processes issue next to their bars. Extra arguments are passed to JMH.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.ProcessFigures</pre>
 */
public final class ProcessFigures {

    private ProcessFigures() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(ProcessBenchmark.class.getName())
                .build()).run();
        double pforMillis = score(results, "pfor10000");
        double pingPongMillis = score(results, "pingPong");
        ParkedProcesses.Figures parked = ParkedProcesses.measure();
        System.out.printf("%npfor children created, run and joined: %.0f per second (bar: >= 50000)%n",
                ProcessBenchmark.CHILDREN / (pforMillis / 1000));
        System.out.printf("channel ping-pong: %.0f messages per second (bar: >= 1000000)%n",
                2.0 * ProcessBenchmark.PING_PONG_ROUNDS / (pingPongMillis / 1000));
        System.out.printf("%d parked processes: %.0f bytes of heap each (bar: <= 4096); all woken in %.2f s (bar: <= 2 s)%n",
                ParkedProcesses.PROCESSES, parked.bytesPerProcess(), parked.secondsToWakeAll());
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(benchmark)) {
                return r.getPrimaryResult().getScore();
            }
        }
        throw new IllegalStateException("no result for " + benchmark);
    }
}
