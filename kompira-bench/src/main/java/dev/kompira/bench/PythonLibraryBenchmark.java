package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.library.LibraryFunction;
import dev.kompira.core.library.LibraryProvider;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.python.PythonRuntime;
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
 * {@value #CALLS} calls of a trivial library function from a jobflow, {@code { for i in n | [lib.inc: i] }},
 * once with the function in a Python library (CPython workers of kompira-python) and once in a
 * Java provider, on a warm engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PythonLibraryBenchmark {

    /** Calls per run. */
    public static final int CALLS = 10_000;
    /** The function, in Python. */
    static final String PYTHON_SOURCE = "def inc(n):\n    return n + 1\n";

    private Kompira engine;
    private CompiledFlow python;
    private CompiledFlow java;

    /** The same function as a Java provider. */
    public static final class JavaIncrement implements LibraryProvider {
        @Override
        public String id() {
            return "bench.inc";
        }

        @Override
        public Map<String, LibraryFunction> functions() {
            return Map.of("inc", args -> ((IntegerValue) args.positional().get(0)).add(IntegerValue.ONE));
        }
    }

    /** Creates both libraries and compiles the calling flows. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        engine = Kompira.builder().sourceLibraries(PythonRuntime.builder().build()).library(new JavaIncrement()).build();
        engine.start(engine.compile("setup.kjf", String.join("\n", "| src |",
                "[./.add: 'py', /system/types/Library, {sourceText = src}] ->",
                "[./.add: 'java', /system/types/Library, {libraryType = 'module', modulePath = 'bench.inc'}]")),
                Map.of("src", dev.kompira.core.value.StringValue.of(PYTHON_SOURCE))).await();
        python = engine.compile("python.kjf", "| n |\n{ for i in n | [/py.inc: i] }");
        java = engine.compile("java.kjf", "| n |\n{ for i in n | [/java.inc: i] }");
    }

    /** Stops the engine and its Python workers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** {@value #CALLS} calls of the Python function. */
    @Benchmark
    public ProcessOutcome pythonLibrary() throws InterruptedException {
        return run(python);
    }

    /** {@value #CALLS} calls of the Java function. */
    @Benchmark
    public ProcessOutcome javaLibrary() throws InterruptedException {
        return run(java);
    }

    private ProcessOutcome run(CompiledFlow flow) throws InterruptedException {
        JobflowProcess p = engine.start(flow, Map.of("n", IntegerValue.of(CALLS)));
        ProcessOutcome outcome = p.await();
        if (!outcome.isDone()) {
            throw new IllegalStateException("the benchmark flow failed: " + outcome);
        }
        p.delete();
        return outcome;
    }
}
