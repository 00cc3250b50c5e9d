package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.object.TreeInitializer;
import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import dev.kompira.store.git.StoreCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
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
 * The Git store benchmarks, on real repositories in a temporary folder: {@value #UPDATES} committed
 * field updates from one jobflow and from {@value #PROCESSES} concurrent processes, opening a store
 * of {@value #OBJECTS} objects, and checking a store of {@value #FLOWS} jobflows (what
 * {@code kompira check --store} does, without the JVM start). The baseline makes {@value #UPDATES}
 * commits of the same shape with JGit alone, so that the update figures can be read against what
 * the disk allows. Each benchmark's fork makes only the repository it uses, so that the disk is not
 * still writing another one back while it is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GitStoreBenchmark {

    /** Committed field updates per run of an update benchmark. */
    public static final int UPDATES = 200;
    /** Concurrent processes of the concurrent update benchmark. */
    public static final int PROCESSES = 8;
    /** Objects in the store that is opened. */
    public static final int OBJECTS = 10_000;
    /** Jobflows in the store that is checked. */
    public static final int FLOWS = 1_000;

    /** A temporary folder, removed at the end of the trial. */
    abstract static class Folder {
        Path folder;

        void create() throws IOException {
            folder = Files.createTempDirectory("kompira-git-bench");
        }

        void delete() throws IOException {
            TempFolders.delete(folder);
        }
    }

    /** An engine on a Git store with {@value #PROCESSES} NodeInfo objects whose fields the flows update. */
    @State(Scope.Benchmark)
    public static class Updates extends Folder {
        GitStore store;
        Kompira engine;
        CompiledFlow oneFlow;
        CompiledFlow concurrent;

        /** Creates the store and compiles the flows. */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            create();
            store = GitStore.open(folder.resolve("updates"), GitStoreOptions.defaults());
            TreeInitializer.initialise(store, ZoneOffset.UTC);
            engine = Kompira.builder().store(store).build();
            run(engine.compile("setup.kjf", "{ for i in " + PROCESSES + " | [./.add: 'n$i', /system/types/NodeInfo, {hostname = 'h'}] }"));
            oneFlow = engine.compile("one.kjf", "[n = /n0] -> { for k in " + UPDATES + " | [k >> n.port] }");
            concurrent = engine.compile("eight.kjf", "[nodes = [" + nodes() + "]] -> { pfor p in " + PROCESSES + " | { for k in "
                    + UPDATES / PROCESSES + " | [k >> nodes[p].port] } }");
        }

        void run(CompiledFlow flow) throws InterruptedException {
            ProcessOutcome outcome = engine.start(flow, Map.of()).await();
            if (!outcome.isDone()) {
                throw new IllegalStateException("the benchmark flow failed: " + outcome);
            }
        }

        /** Closes the engine and removes the repository. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            engine.close();
            store.close();
            delete();
        }
    }

    /** A bare repository that JGit alone commits to. */
    @State(Scope.Benchmark)
    public static class Baseline extends Folder {
        Repository repository;
        ObjectId head;
        int counter;

        /** Creates the repository. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            create();
            repository = new FileRepositoryBuilder().setGitDir(folder.resolve("baseline.git").toFile()).build();
            repository.create(true);
        }

        /** Closes and removes the repository. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            repository.close();
            delete();
        }
    }

    /** A store of {@value #OBJECTS} NodeInfo objects. */
    @State(Scope.Benchmark)
    public static class LargeStore extends Folder {
        /** Creates the store. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            create();
            fill(folder, OBJECTS, false);
        }

        /** Removes the store. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            delete();
        }
    }

    /** A store of {@value #FLOWS} Jobflows. */
    @State(Scope.Benchmark)
    public static class FlowStore extends Folder {
        /** Creates the store. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            create();
            fill(folder, FLOWS, true);
        }

        /** Removes the store. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            delete();
        }
    }

    private static String nodes() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < PROCESSES; i++) {
            s.append(i == 0 ? "" : ", ").append("/n").append(i);
        }
        return s.toString();
    }

    /** A store holding {@code count} NodeInfo objects, or Jobflows, in folders of 100. */
    private static void fill(Path dir, int count, boolean jobflows) {
        try (GitStore store = GitStore.open(dir, GitStoreOptions.defaults())) {
            TreeInitializer.initialise(store, ZoneOffset.UTC);
            store.write("benchmark objects", tx -> {
                StoredObject root = tx.root();
                long directory = tx.get(BuiltinTypes.TYPES_DIRECTORY + "/Directory").orElseThrow().id();
                long type = tx.get(BuiltinTypes.TYPES_DIRECTORY + (jobflows ? "/Jobflow" : "/NodeInfo")).orElseThrow().id();
                StoredObject group = null;
                for (int i = 0; i < count; i++) {
                    if (i % 100 == 0) {
                        group = tx.create(root.id(), "g" + i / 100, directory, null, "root", Map.of());
                    }
                    Map<String, Value> fields = jobflows
                            ? Map.of("source", StringValue.of("| n = " + i + " |\n['echo $n'] -> print($RESULT)\n"))
                            : Map.of("hostname", StringValue.of("host" + i), "port", IntegerValue.of(22));
                    tx.create(group.id(), (jobflows ? "flow" : "node") + i, type, null, "root", fields);
                }
                return null;
            });
        }
    }

    /** {@value #UPDATES} field updates from one jobflow, each one commit. */
    @Benchmark
    public void fieldUpdatesFromOneFlow(Updates updates) throws Exception {
        updates.run(updates.oneFlow);
    }

    /** {@value #UPDATES} field updates from {@value #PROCESSES} concurrent processes, each one commit. */
    @Benchmark
    public void fieldUpdatesFromEightProcesses(Updates updates) throws Exception {
        updates.run(updates.concurrent);
    }

    /**
     * The baseline: {@value #UPDATES} commits made with JGit alone, each a new blob in a folder of
     * the root tree and a branch update guarded by the old id, as the store makes them.
     */
    @Benchmark
    public ObjectId jgitCommitsAlone(Baseline baseline) throws IOException {
        for (int i = 0; i < UPDATES; i++) {
            try (ObjectInserter inserter = baseline.repository.newObjectInserter()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB,
                        ("{\n  \"port\": " + baseline.counter++ + "\n}\n").getBytes(StandardCharsets.UTF_8));
                TreeFormatter folder = new TreeFormatter();
                folder.append("n0.json", FileMode.REGULAR_FILE, blob);
                TreeFormatter root = new TreeFormatter();
                root.append("tree", FileMode.TREE, inserter.insert(folder));
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(inserter.insert(root));
                if (baseline.head != null) {
                    commit.setParentId(baseline.head);
                }
                PersonIdent who = new PersonIdent("Kompira", "kompira@localhost");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("set port of /n0\n");
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = baseline.repository.updateRef("refs/heads/main");
                update.setNewObjectId(id);
                update.setExpectedOldObjectId(baseline.head == null ? ObjectId.zeroId() : baseline.head);
                update.setForceUpdate(true);
                update.disableRefLog();
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
                    throw new IllegalStateException("the baseline could not move its branch: " + result);
                }
                baseline.head = id;
            }
        }
        return baseline.head;
    }

    /** Opens (reads into memory) a store of {@value #OBJECTS} objects. */
    @Benchmark
    public int openLargeStore(LargeStore large) {
        try (GitStore store = GitStore.open(large.folder, GitStoreOptions.defaults())) {
            return store.read(tx -> tx.descendants(tx.root().id()).size());
        }
    }

    /** Opens a store of {@value #FLOWS} jobflows and checks it. */
    @Benchmark
    public int checkThousandFlows(FlowStore flows) {
        try (GitStore store = GitStore.open(flows.folder, GitStoreOptions.defaults())) {
            StoreCheck.Report report = StoreCheck.run(store, ZoneOffset.UTC);
            if (!report.problems().isEmpty() || report.jobflows() != FLOWS) {
                throw new IllegalStateException("the benchmark store does not check clean: " + report.problems());
            }
            return report.objects();
        }
    }
}
