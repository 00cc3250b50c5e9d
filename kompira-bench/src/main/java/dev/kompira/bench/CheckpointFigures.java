package dev.kompira.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CheckpointBenchmark} and prints the cost of checkpoint mode as the ratio to the same
 * flow without checkpoints (bar: at most 3 on the directory store), with the share of it that
 * making the checkpoints in memory takes. Extra arguments are passed to JMH.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.CheckpointFigures</pre>
 */
public final class CheckpointFigures {

    private CheckpointFigures() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(CheckpointBenchmark.class.getName())
                .build()).run();
        Map<String, Double> ms = new HashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            ms.put(bench.substring(bench.lastIndexOf('.') + 1) + "/" + r.getParams().getParam("store"), r.getPrimaryResult().getScore());
        }
        for (String flow : new String[] {"loop", "pfor", "loopEffects", "pforEffects", "loopCommands"}) {
            double none = ms.get(flow + "/none");
            System.out.printf("%n%s: %.1f ms without checkpoints; in memory %.1f ms (ratio %.2f); directory store %.1f ms"
                    + " (ratio %.2f, bar <= 3); Git store's folder %.1f ms (ratio %.2f)%n", flow, none,
                    ms.get(flow + "/memory"), ms.get(flow + "/memory") / none,
                    ms.get(flow + "/directory"), ms.get(flow + "/directory") / none,
                    ms.get(flow + "/git"), ms.get(flow + "/git") / none);
        }
    }
}
