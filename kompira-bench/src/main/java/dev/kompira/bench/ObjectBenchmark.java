package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Value;
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
 * The object model benchmarks, on the in-memory store of a warm engine: {@value #READS} field
 * reads from a jobflow ({@code [x = o.port]} in a loop), and {@code find} with one field filter
 * over a directory of {@value #OBJECTS} NodeInfo objects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObjectBenchmark {

    /** Field reads per run. */
    public static final int READS = 100_000;
    /** Objects in the searched directory. */
    public static final int OBJECTS = 100_000;

    private Kompira engine;
    private CompiledFlow reads;
    private CompiledFlow find;

    /** Creates the objects and compiles the flows. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = Kompira.builder().build();
        engine.tree().write("benchmark objects", tx -> {
            StoredObject root = tx.root();
            long directory = tx.get(BuiltinTypes.TYPES_DIRECTORY + "/Directory").orElseThrow().id();
            long nodeInfo = tx.get(BuiltinTypes.TYPES_DIRECTORY + "/NodeInfo").orElseThrow().id();
            StoredObject big = tx.create(root.id(), "big", directory, null, "root", Map.of());
            for (int i = 0; i < OBJECTS; i++) {
                tx.create(big.id(), "n" + i, nodeInfo, null, "root", Map.<String, Value>of("port", IntegerValue.of(i % 1000)));
            }
            return null;
        });
        reads = engine.compile("reads.kjf", "| n |\n[o = /big/n7] -> { for i in n | [x = o.port] }");
        find = engine.compile("find.kjf",
                "[r = /big.find(type_object=/system/types/NodeInfo, fields={port = 77})] -> [x = length(r)] -> return(x)");
    }

    /** Stops the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** {@value #READS} field reads. */
    @Benchmark
    public ProcessOutcome fieldReads() throws InterruptedException {
        JobflowProcess p = engine.start(reads, Map.of("n", IntegerValue.of(READS)));
        ProcessOutcome outcome = p.await();
        p.delete();
        return outcome;
    }

    /** One find with one field filter over {@value #OBJECTS} objects. */
    @Benchmark
    public ProcessOutcome find100000() throws InterruptedException {
        JobflowProcess p = engine.start(find, Map.of());
        ProcessOutcome outcome = p.await();
        p.delete();
        return outcome;
    }
}
