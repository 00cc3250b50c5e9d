package dev.kompira.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GitStoreBenchmark} and prints the figures of the Git store issue next to their bars.
 * Extra arguments are passed to JMH.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.GitStoreFigures</pre>
 */
public final class GitStoreFigures {

    private GitStoreFigures() {
    }

    /** Runs the measurements. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(GitStoreBenchmark.class.getName())
                .build()).run();
        Map<String, Double> ms = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            ms.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        double baseline = perSecond(ms.get("jgitCommitsAlone"));
        double one = perSecond(ms.get("fieldUpdatesFromOneFlow"));
        double eight = perSecond(ms.get("fieldUpdatesFromEightProcesses"));
        System.out.printf("%ncommits made with JGit alone in the same folder (what the disk allows): %.0f per second%n", baseline);
        System.out.printf("committed field updates from one jobflow: %.0f per second, %.2f x JGit alone (bar: >= 500)%n",
                one, one / baseline);
        System.out.printf("committed field updates from %d concurrent processes: %.0f per second, %.2f x JGit alone%n",
                GitStoreBenchmark.PROCESSES, eight, eight / baseline);
        System.out.printf("opening a store of %d objects: %.2f s (bar: <= 2 s)%n", GitStoreBenchmark.OBJECTS,
                ms.get("openLargeStore") / 1000);
        System.out.printf("checking a store of %d jobflows (in the JVM): %.2f s (bar: <= 10 s)%n", GitStoreBenchmark.FLOWS,
                ms.get("checkThousandFlows") / 1000);
    }

    /** Commits per second of a benchmark that makes {@link GitStoreBenchmark#UPDATES} of them in {@code ms}. */
    private static double perSecond(double ms) {
        return GitStoreBenchmark.UPDATES / (ms / 1000);
    }
}
