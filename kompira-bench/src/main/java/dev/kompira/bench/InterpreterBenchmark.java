package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.ProcessOutcome;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter loop of the engine issue: {@code | n = 1000000 | [s = 0] -> { for i in n | [s = s + i] } -> print(s)},
 * one whole process per invocation on a warm engine (compiled once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterpreterBenchmark {

    /** The flow the issue names. */
    public static final String LOOP = "| n = 1000000 | [s = 0] -> { for i in n | [s = s + i] } -> print(s)";

    private Kompira engine;
    private CompiledFlow flow;

    /** Starts the engine and compiles the flow once. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = Kompira.builder().build();
        flow = engine.compile("loop.kjf", LOOP);
    }

    /** Stops the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** Runs the loop once as a process and waits for it. */
    @Benchmark
    public ProcessOutcome loop() throws InterruptedException {
        return engine.start(flow, Map.of()).await();
    }
}
