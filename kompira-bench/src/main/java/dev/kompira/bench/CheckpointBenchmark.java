package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.StartOptions;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of checkpoint mode (language.md §12.7): a loop of {@value #JOBS} jobs and a pfor of
 * {@value #CHILDREN} children, each once with jobs that only compute (assignments, which a process
 * runs again after a crash rather than saving after them, J140) and once with a job that has an
 * effect (a message sent) in every turn, and a loop of {@value #COMMANDS} local commands, the
 * effect of most real flows; run without checkpoints, with checkpoints kept in memory
 * (what serialising costs), in a folder (serialising, writing and forcing to disk) and in a Git
 * store's own folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CheckpointBenchmark {

    /** Jobs of the loop. */
    public static final int JOBS = 1_000;
    /** Children of the pfor. */
    public static final int CHILDREN = 1_000;
    /** Local commands of the loop of commands: fewer, each takes milliseconds. */
    public static final int COMMANDS = 100;

    /** Where checkpoints go: nowhere, memory, a folder, or a Git store's folder. */
    @Param({"none", "memory", "directory", "git"})
    public String store;

    private Path folder;
    private GitStore git;
    private Kompira engine;
    private CompiledFlow loop;
    private CompiledFlow pfor;
    private CompiledFlow loopEffects;
    private CompiledFlow pforEffects;
    private CompiledFlow loopCommands;

    /** Builds the engine on the chosen store. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("kompira-checkpoints");
        Kompira.Builder builder = Kompira.builder();
        if (store.equals("memory")) {
            builder.checkpoints(new MemoryCheckpoints());
        } else if (store.equals("directory")) {
            builder.checkpoints(new DirectoryCheckpointStore(folder.resolve("checkpoints")));
        } else if (store.equals("git")) {
            git = GitStore.open(folder.resolve("repo"), GitStoreOptions.defaults());
            builder.store(git).checkpoints(new DirectoryCheckpointStore(git.checkpointFolder()));
        }
        engine = builder.build();
        loop = engine.compile("loop.kjf", "{ for i in " + JOBS + " | [x = i] }");
        pfor = engine.compile("pfor.kjf", "{ pfor i in " + CHILDREN + " | [x = i] }");
        loopEffects = engine.compile("loop-effects.kjf", "[ch = channel()] -> { for i in " + JOBS + " | [ch.send: i] }");
        loopCommands = engine.compile("loop-commands.kjf", "{ for i in " + COMMANDS + " | ['true'] }");
        pforEffects = engine.compile("pfor-effects.kjf", "[ch = channel()] -> { pfor i in " + CHILDREN + " | [ch.send: i] }");
    }

    /** Stops the engine and removes the folder. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        engine.close();
        if (git != null) {
            git.close();
        }
        TempFolders.delete(folder);
    }

    /** {@value #JOBS} jobs in a loop. */
    @Benchmark
    public ProcessOutcome loop() throws InterruptedException {
        return run(loop);
    }

    /** A pfor of {@value #CHILDREN} children. */
    @Benchmark
    public ProcessOutcome pfor() throws InterruptedException {
        return run(pfor);
    }

    /** {@value #JOBS} jobs in a loop, each sending a message. */
    @Benchmark
    public ProcessOutcome loopEffects() throws InterruptedException {
        return run(loopEffects);
    }

    /** A pfor of {@value #CHILDREN} children, each sending a message. */
    @Benchmark
    public ProcessOutcome pforEffects() throws InterruptedException {
        return run(pforEffects);
    }

    /** {@value #COMMANDS} local commands in a loop: what a real flow does between two checkpoints. */
    @Benchmark
    public ProcessOutcome loopCommands() throws InterruptedException {
        return run(loopCommands);
    }

    private ProcessOutcome run(CompiledFlow flow) throws InterruptedException {
        JobflowProcess p = engine.start(flow, Map.of(), StartOptions.DEFAULT.withCheckpointMode(!store.equals("none")));
        ProcessOutcome outcome = p.await();
        if (!outcome.isDone()) {
            throw new IllegalStateException("the benchmark flow failed: " + outcome);
        }
        p.delete();
        return outcome;
    }
}
