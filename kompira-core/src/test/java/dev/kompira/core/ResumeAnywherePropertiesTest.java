package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.kompira.core.process.CheckpointRecord;
import dev.kompira.core.process.CheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.store.MemoryStore;
import dev.kompira.dsl.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint mode resumes anywhere (language.md §12.7): a flow of the golden corpus, run in
 * checkpoint mode, is stopped dead right after a random one of its checkpoint writes — its engine
 * frozen inside the store, as if the machine had lost power — and a new engine on the store's state
 * at that moment and on the same object tree resumes it. The root process must end as it does
 * uninterrupted: same console, state, exit status and result. Stopping inside the store makes the
 * kill point exact, so that a failure replays from QuickTheories' seed.
 */
class ResumeAnywherePropertiesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    /** The pid of the first process a new engine starts. */
    private static final long ROOT = 1;

    /** Flows whose resumed runs differ from uninterrupted ones by design (docs/embedding.md), and why. */
    private static final Set<String> LEFT_OUT = Set.of(
            // messages in a channel() queue are not saved (J85): a crash while one waits loses it
            "channels_events.kjf",
            // its channel action starts a process that is not in checkpoint mode: a crash before it sends loses it
            "called_defaults_channel_action.kjf",
            // its output is the log its script jobs append to: the job in flight at the stop runs again
            // (as documented), and its first run, outliving the stopped engine, shows in the log too
            "script_multiplicity.kjf");

    /** The uninterrupted outcome of each flow, and how many checkpoint writes it made. */
    private final Map<Path, Reference> references = new ConcurrentHashMap<>();

    private record Reference(String outcome, int writes) {
    }

    @Test
    void aFlowResumedAfterAnyCheckpointEndsAsItsUninterruptedRunDoes() {
        List<Path> flows = flows();
        qt().withExamples(100).withShrinkCycles(10)
                .forAll(integers().between(0, flows.size() - 1), integers().between(0, 10_000))
                .checkAssert((flow, point) -> {
                    Path file = flows.get(flow);
                    Reference reference = reference(file);
                    if (reference.writes() > 0) {
                        int stopAfter = 1 + point % reference.writes();
                        assertEquals(reference.outcome(), resumedAfter(file, stopAfter),
                                file.getFileName() + " stopped after checkpoint write " + stopAfter + " of " + reference.writes());
                    }
                });
    }

    @Test
    void theCorpusGivesThePropertyFlowsThatCheckpointOften() {
        long checkpointing = flows().stream().map(this::reference).filter(r -> r.writes() > 2).count();
        assertTrue(checkpointing >= 20, "only " + checkpointing + " corpus flows write more than two checkpoints");
    }

    private static List<Path> flows() {
        List<Path> flows = new ArrayList<>(Golden.flows("run"));
        flows.addAll(Golden.flows("run-corpus"));
        flows.removeIf(f -> LEFT_OUT.contains(f.getFileName().toString()));
        return flows;
    }

    private Reference reference(Path file) {
        return references.computeIfAbsent(file, f -> {
            FreezingStore checkpoints = new FreezingStore(0);
            try (Kompira engine = engine(new MemoryStore(), checkpoints)) {
                String outcome = outcome(engine.start(compile(engine, f), Map.of(), StartOptions.DEFAULT.withCheckpointMode(true)));
                return new Reference(outcome, checkpoints.writes());
            }
        });
    }

    /**
     * Runs {@code file} until its engine is frozen inside checkpoint write {@code stopAfter}, then
     * resumes it in a second engine on the store's state at that moment and the same object tree;
     * returns the root's outcome.
     */
    private static String resumedAfter(Path file, int stopAfter) {
        MemoryStore objects = new MemoryStore();
        FreezingStore checkpoints = new FreezingStore(stopAfter);
        Kompira crashing = engine(objects, checkpoints);
        try {
            // started on its own thread: a process may write its first checkpoint before start returns
            Thread starter = new Thread(() -> crashing.start(compile(crashing, file), Map.of(),
                    StartOptions.DEFAULT.withCheckpointMode(true)));
            starter.setDaemon(true);
            starter.start();
            Map<Long, String> saved = checkpoints.awaitFrozen();
            try {
                if (!saved.containsKey(ROOT)) {
                    // the root had ended (its record removed), so nothing resumes it: let it finish ending
                    checkpoints.release();
                    return outcome(crashing.process(ROOT).orElseThrow());
                }
                FreezingStore resumedStore = new FreezingStore(0, saved);
                try (Kompira resuming = engine(objects, resumedStore)) {
                    resuming.processes(ProcessQuery.all()).stream().filter(p -> p.state() == ProcessState.SUSPENDED)
                            .forEach(JobflowProcess::resume);
                    String outcome = outcome(resuming.process(ROOT).orElseThrow(() -> new AssertionError("the root was not resumed: "
                            + resuming.notResumed())));
                    for (CheckpointRecord left : resumedStore.records()) {
                        assertTrue(resuming.process(left.pid()).filter(p -> !p.state().isFinished()).isPresent(),
                                "the record of process " + left.pid() + ", which has ended, was left behind");
                    }
                    return outcome;
                }
            } finally {
                checkpoints.release();
                starter.join(WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            crashing.close();
        }
    }

    private static Kompira engine(MemoryStore objects, CheckpointStore checkpoints) {
        // one carrier thread, as in the golden tests: children's console lines do not interleave
        return Kompira.builder().store(objects).checkpoints(checkpoints).zone(ZONE).carrierThreads(1).build();
    }

    private static dev.kompira.core.process.CompiledFlow compile(Kompira engine, Path file) {
        try {
            return engine.compile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FlowCompileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String outcome(JobflowProcess process) {
        try {
            ProcessOutcome outcome = process.await(WAIT);
            return process.console() + "-- " + outcome.state() + " " + outcome.exitStatus() + " " + outcome.result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError("process " + process.pid() + " did not end in " + WAIT + "; its console: "
                    + process.console(), e);
        }
    }

    /**
     * A checkpoint store in memory that, at its {@code freezeAt}-th write (a save or a removal),
     * keeps a copy of its records and then blocks that write and every later one until released,
     * so that the engine above it stops dead with that state on record. Thread-safe.
     */
    private static final class FreezingStore implements CheckpointStore {

        private final Map<Long, String> states;
        private final int freezeAt;
        private final CountDownLatch frozen = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private int writes;
        private Map<Long, String> atFreeze;

        FreezingStore(int freezeAt) {
            this(freezeAt, Map.of());
        }

        FreezingStore(int freezeAt, Map<Long, String> states) {
            this.freezeAt = freezeAt;
            this.states = new TreeMap<>(states);
        }

        @Override
        public void save(long pid, String state) throws IOException {
            write(() -> states.put(pid, state));
        }

        @Override
        public void remove(long pid) throws IOException {
            write(() -> states.remove(pid));
        }

        private void write(Runnable change) throws IOException {
            synchronized (this) {
                if (atFreeze == null) {
                    change.run();
                    if (++writes != freezeAt) {
                        return;
                    }
                    atFreeze = new TreeMap<>(states);
                    frozen.countDown();
                }
            }
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the engine was stopped");
        }

        synchronized int writes() {
            return writes;
        }

        Map<Long, String> awaitFrozen() throws InterruptedException {
            assertTrue(frozen.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the flow made fewer than " + freezeAt + " checkpoint writes");
            synchronized (this) {
                return atFreeze;
            }
        }

        void release() {
            released.countDown();
        }

        @Override
        public synchronized List<CheckpointRecord> records() {
            Instant now = Instant.now();
            return states.entrySet().stream().map(e -> CheckpointRecord.readable(e.getKey(), "process-" + e.getKey(), now,
                    e.getValue())).toList();
        }
    }
}
