package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.IntegerValue;
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
 * The process benchmarks of the processes issue, each a whole process on a warm engine:
 * {@code { pfor i in 10000 | [x = i * 2] }} (children created, run and joined), and a channel
 * ping-pong between two processes ({@value #PING_PONG_ROUNDS} round trips, two messages each).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProcessBenchmark {

    /** Children per pfor run. */
    public static final int CHILDREN = 10_000;
    /** Round trips per ping-pong run. */
    public static final int PING_PONG_ROUNDS = 100_000;

    private static final String PFOR = "{ pfor i in 10000 | [x = i * 2] }";
    private static final String PING_PONG = String.join("\n",
            "| ping | | pong | | n |",
            "{ fork |",
            "    { for i in n | [ping.send: i] -> <pong> }",
            "    { for i in n | <ping> -> [pong.send: $RESULT] }",
            "}");

    private Kompira engine;
    private CompiledFlow pfor;
    private CompiledFlow pingPong;

    /** Starts the engine and compiles the flows once. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = Kompira.builder().build();
        pfor = engine.compile("pfor.kjf", PFOR);
        pingPong = engine.compile("pingpong.kjf", PING_PONG);
    }

    /** Stops the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** One pfor of 10 000 children; the finished records are deleted so that runs do not pile up. */
    @Benchmark
    public ProcessOutcome pfor10000() throws InterruptedException {
        JobflowProcess p = engine.start(pfor, Map.of());
        ProcessOutcome outcome = p.await();
        p.delete();
        return outcome;
    }

    /** {@value #PING_PONG_ROUNDS} round trips between two processes over two channels. */
    @Benchmark
    public ProcessOutcome pingPong() throws InterruptedException {
        JobflowProcess p = engine.start(pingPong, Map.of("ping", engine.newChannel(), "pong", engine.newChannel(),
                "n", IntegerValue.of(PING_PONG_ROUNDS)));
        ProcessOutcome outcome = p.await();
        p.delete();
        return outcome;
    }
}
