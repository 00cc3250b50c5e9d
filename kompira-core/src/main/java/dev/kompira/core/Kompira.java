package dev.kompira.core;

import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.http.HttpClients;
import dev.kompira.core.library.LibraryProvider;
import dev.kompira.core.library.SourceLibraryRuntime;
import dev.kompira.core.mail.MailSupport;
import dev.kompira.core.object.ObjectManager;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.process.CheckpointRecord;
import dev.kompira.core.process.CheckpointStore;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.ConsoleListener;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.process.StepHandler;
import dev.kompira.core.schedule.Schedules;
import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.transport.LocalTransport;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.vm.ChannelQueues;
import dev.kompira.core.vm.MailChannelPoller;
import dev.kompira.core.vm.CompiledProgram;
import dev.kompira.core.vm.Compiler;
import dev.kompira.core.vm.EngineServices;
import dev.kompira.core.vm.JobflowObjects;
import dev.kompira.core.vm.Machine;
import dev.kompira.core.vm.Multiplicity;
import dev.kompira.core.vm.ProcessLimiter;
import dev.kompira.core.vm.ProcessRegistry;
import dev.kompira.core.vm.ProcessRestorer;
import dev.kompira.core.vm.ProcessSnapshots;
import dev.kompira.core.vm.ScheduleFiring;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jobflow engine: compiles flows and runs them as processes. This is the example that
 * {@code kompira-examples} runs as {@code dev.kompira.examples.EmbeddingExample}:
 *
 * <pre>{@code
 * try (Kompira kompira = Kompira.builder().console((pid, text) -> System.out.print(text)).build()) {
 *     CompiledFlow flow = kompira.compile("greeting.kjf", String.join("\n",
 *             "| name = 'world' |",
 *             "['echo hello $name'] =>",
 *             "{ if $STATUS == 0 | then: print('command said: $RESULT') else: print('failed: $ERROR') } ->",
 *             "return(length($RESULT))"));
 *     JobflowProcess process = kompira.start(flow, Map.of("name", StringValue.of("ops")));
 *     ProcessOutcome outcome = process.await();      // DONE, exit status 0, result 9
 * }
 * }</pre>
 *
 * <p>Processes run on a small pool of carrier threads (by default one per core) and hold no thread
 * while they wait. Thread-safe; {@link #close()} terminates running processes and stops the
 * threads.
 */
public final class Kompira implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Kompira.class);

    private final ExecutorService carriers;
    private final ScheduledExecutorService timer;
    private final List<Transport> transports;
    private final EngineServices services;
    private final ProcessRegistry registry;
    private final SourceLibraryRuntime sourceLibraries;
    private final MailSupport mail;
    /** Polls the MailChannel objects' mailboxes, or Java null when the engine has no mail support. */
    private final MailChannelPoller mailChannels;
    /** Starts the jobs of the tree's schedules when they are due. */
    private final ScheduleFiring scheduleFiring;
    private final List<String> notResumed = new ArrayList<>();

    private Kompira(Builder b) {
        this.carriers = new ForkJoinPool(b.carrierThreads, carrierThreads(), null, true);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("kompira-timer-"));
        this.transports = new ArrayList<>(b.transports);
        for (Transport t : ServiceLoader.load(Transport.class)) {
            transports.add(t);
        }
        transports.add(new LocalTransport());
        Map<String, String> env = Map.copyOf(b.environment);
        this.registry = new ProcessRegistry(b.onProcess);
        registry.reservePid(b.pidsAbove);
        ObjectStore store = b.store != null ? b.store : new MemoryStore(b.clock);
        ObjectTree tree = ObjectTree.initialisedOnFirstUse(store, b.zone);
        for (LibraryProvider provider : ServiceLoader.load(LibraryProvider.class)) {
            tree.register(provider);
        }
        b.libraries.forEach(tree::register);
        this.sourceLibraries = b.sourceLibraries != null ? b.sourceLibraries
                : ServiceLoader.load(SourceLibraryRuntime.class).findFirst().orElse(null);
        if (sourceLibraries != null) {
            tree.useSourceLibraryRuntime(sourceLibraries);
        }
        this.mail = b.mail != null ? b.mail : ServiceLoader.load(MailSupport.class).findFirst().orElse(null);
        this.services = new EngineServices(carriers, timer, transports, b.zone, b.clock, b.showCommands,
                () -> environment(env, tree, b.environmentObject), b.console, registry, new ProcessLimiter(b.processLimit), b.stepHandler,
                b.checkpoints, tree, new JobflowObjects(tree), new Multiplicity(), mail, new HttpClients(), b.jobManagers);
        ChannelQueues queues = new ChannelQueues(services);
        tree.openChannelsWith(queues::open);
        this.mailChannels = mail == null ? null : new MailChannelPoller(services, b.mailCheckUnit);
        if (mailChannels != null) {
            mailChannels.start();
        }
        this.scheduleFiring = new ScheduleFiring(services, b.scheduleTick);
        if (b.schedulesFire) {
            scheduleFiring.start();
        }
    }

    /**
     * Resumes every process saved in the checkpoint store (the engine before crashed or stopped), in
     * its own context; a saved process that cannot be restored is logged with where it was read from,
     * and the others are resumed all the same.
     */
    private void resumeCheckpointed() throws IOException {
        List<ProcessRestorer.Saved> saved = new ArrayList<>();
        services.checkpoints().discardInterrupted();
        for (CheckpointRecord record : services.checkpoints().records()) {
            String origin = record.name() + " in " + services.checkpoints();
            if (record.isReadable()) {
                saved.add(new ProcessRestorer.Saved(origin, record.text()));
            } else {
                LOG.error("cannot resume the saved {}: {}", origin, record.problem());
                notResumed.add(origin + ": " + record.problem());
            }
        }
        for (ProcessRestorer.Refused refused : new ProcessRestorer(services, Kompira::compileSaved).resume(saved)) {
            LOG.error("cannot resume the saved {}: {}", refused.origin(), refused.reason());
            notResumed.add(refused.origin() + ": " + refused.reason());
        }
    }

    /** Compiles a saved flow again, in the folder it ran from. */
    private static CompiledProgram compileSaved(String name, String source, String directory) {
        ParseResult checked = JobflowParser.check(name, source);
        if (checked.hasErrors()) {
            throw new IllegalArgumentException("its flow " + name + " does not compile any more:\n" + checked.renderDiagnostics());
        }
        return Compiler.compile(checked, directory);
    }

    /**
     * The {@code $ENV} of a new process (D56): a copy of the {@code environment} field of the engine's
     * Environment object when one is configured and exists, else the builder's map.
     */
    private static DictionaryValue environment(Map<String, String> env, ObjectTree tree, String environmentObject) {
        if (environmentObject != null) {
            java.util.Optional<StoredObject> o = tree.get(environmentObject);
            if (o.isPresent() && tree.typeOf(o.get()).field("environment").isPresent()
                    && tree.readField(o.get(), "environment") instanceof DictionaryValue fromObject) {
                return fromObject;
            }
        }
        DictionaryValue d = new DictionaryValue();
        env.forEach((k, v) -> d.put(k, StringValue.of(v)));
        return d;
    }

    /** Carrier threads are fork-join workers in FIFO mode: a process woken by another runs next on the same thread. */
    private static ForkJoinPool.ForkJoinWorkerThreadFactory carrierThreads() {
        AtomicInteger n = new AtomicInteger();
        return pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("kompira-carrier-" + n.incrementAndGet());
            return t;
        };
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Returns a builder with the defaults: local transport, JVM zone, system clock, one carrier per core. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Compiles jobflow source text; {@code name} is used in diagnostics.
     *
     * @throws FlowCompileException when the flow has compile errors (§14.2)
     */
    public CompiledFlow compile(String name, String source) throws FlowCompileException {
        return compiled(JobflowParser.check(name, source));
    }

    private static CompiledFlow compiled(ParseResult checked) throws FlowCompileException {
        if (checked.hasErrors()) {
            throw new FlowCompileException(checked.diagnostics(), checked.renderDiagnostics());
        }
        return Compiler.compile(checked);
    }

    /**
     * Compiles a program built in Java ({@link dev.kompira.dsl.builder.Flows}), without printing and
     * parsing it again; {@code name} is used in diagnostics and as the flow's name. Its source text
     * is its canonical form.
     *
     * @throws FlowCompileException when the program breaks a compile-time rule (§14.2)
     */
    public CompiledFlow compile(String name, Program program) throws FlowCompileException {
        return compiled(JobflowParser.check(name, program));
    }

    /** Reads and compiles a {@code .kjf} file; its diagnostics name the file as given. */
    public CompiledFlow compile(Path file) throws IOException, FlowCompileException {
        return compile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Returns the object tree of the engine. */
    public ObjectTree tree() {
        return services.tree();
    }

    /**
     * Returns the objects of the engine's tree by path, for Java code: typed helpers, checked writes,
     * batches of writes in one transaction (docs/embedding.md, "The object tree from Java").
     */
    public ObjectManager objects() {
        return new ObjectManager(services.tree());
    }

    /**
     * Returns the schedules of the engine's tree (objects.md §5.3): the Schedule objects under
     * {@code /system/schedules}, to list, add and remove from Java (docs/scheduling.md).
     */
    public Schedules schedules() {
        return new Schedules(services.tree(), services.clock());
    }

    /**
     * Starts a process running the Jobflow object at absolute path {@code jobflowPath}, holding a
     * slot of its multiplicity; the modes that {@code options} leaves unset are the jobflow's
     * {@code defaultCheckpointMode} and {@code defaultMonitoringMode}.
     *
     * @throws FlowCompileException     when its source does not compile (with the diagnostics)
     * @throws IllegalArgumentException when there is no Jobflow object at that path
     * @throws IllegalStateException    when checkpoint mode is asked for and the engine has no checkpoint store
     */
    public JobflowProcess start(String jobflowPath, Map<String, Value> parameters, StartOptions options)
            throws FlowCompileException {
        StoredObject jobflow = services.tree().get(jobflowPath)
                .filter(o -> services.tree().typeName(o).equals("Jobflow"))
                .orElseThrow(() -> new IllegalArgumentException("no Jobflow object at " + jobflowPath));
        JobflowObjects.Compilation compilation = services.jobflows().compile(jobflow);
        if (compilation.program() == null) {
            throw new FlowCompileException(compilation.checked().diagnostics(), compilation.checked().renderDiagnostics());
        }
        return launch(compilation.program(), parameters, options, jobflow);
    }

    /** Starts a process running {@code flow} with parameter values by name (D94). */
    public JobflowProcess start(CompiledFlow flow, Map<String, Value> parameters) {
        return start(flow, parameters, StartOptions.DEFAULT);
    }

    /**
     * Starts a process running {@code flow} with parameter values by name and step/checkpoint modes.
     *
     * @throws IllegalStateException when checkpoint mode is asked for and the engine has no checkpoint store
     */
    public JobflowProcess start(CompiledFlow flow, Map<String, Value> parameters, StartOptions options) {
        return launch(CompiledProgram.of(flow), parameters, options, null);
    }

    /** The one way processes start: checks the options, creates the process, takes the jobflow's multiplicity slot. */
    private JobflowProcess launch(CompiledProgram program, Map<String, Value> parameters, StartOptions options,
            StoredObject jobflow) {
        if (Boolean.TRUE.equals(options.checkpointMode()) && services.checkpoints() == null) {
            throw new IllegalStateException("checkpoint mode needs a checkpoint store: set one with Kompira.builder().checkpoints(...)");
        }
        Machine m = Machine.create(registry.newPid(), program, new LinkedHashMap<>(parameters), options, services);
        if (jobflow != null) {
            m.runsJobflow(jobflow, options);
        }
        m.start();
        return m;
    }

    /**
     * Returns the saved processes of the checkpoint store that this engine could not resume when it
     * was built, each as {@code where: why} (a record that cannot be read, a flow that no longer
     * compiles); the other saved processes were resumed all the same. Empty without a checkpoint store.
     */
    public List<String> notResumed() {
        return List.copyOf(notResumed);
    }

    /**
     * Creates an in-memory channel, numbered by the engine like those of {@code channel()}: pass it
     * to processes as a parameter value to exchange messages with them, and {@link ChannelValue#send}
     * to it from Java.
     */
    public ChannelValue newChannel() {
        return ChannelValue.numbered(registry.newChannelNumber());
    }

    /**
     * Returns how many processes have started and not yet ended, each holding a slot of the process
     * limit (language.md §12.10): for a health check, which must not walk the records of every
     * finished process as {@link #processes} does.
     */
    public int activeProcessCount() {
        return services.limiter().held();
    }

    /**
     * Returns the processes that {@code query} matches, in pid order: active ones and the records of
     * finished ones until they are deleted ({@link JobflowProcess#delete}).
     */
    public List<JobflowProcess> processes(ProcessQuery query) {
        return registry.list(query);
    }

    /** Returns the process {@code pid}, active or finished and not deleted. */
    public Optional<JobflowProcess> process(long pid) {
        return Optional.ofNullable(registry.get(pid));
    }



    /**
     * Evaluates a parameter value given as text (D94: a jobflow expression evaluated in an empty
     * scope, so {@code 'abc'} is a String and {@code 42} an Integer).
     *
     * @throws FlowCompileException when the text is not an expression
     */
    public Value parameterValue(String name, String expression) throws FlowCompileException {
        CompiledFlow flow = compile("--param " + name, "| value = " + expression + " |\n");
        return Machine.evaluateDefault(CompiledProgram.of(flow), services);
    }

    /**
     * Serializes a suspended process (its whole state: frames, scopes, values) to JSON; a new engine
     * can {@link #restore} it. The process must be suspended at a job boundary.
     *
     * @throws IllegalArgumentException when {@code process} is not a process of this engine
     * @throws IllegalStateException    when it is not suspended at a job boundary, or holds state that
     *                                  cannot be saved
     */
    public String snapshot(JobflowProcess process) {
        return ProcessSnapshots.write(registry.own(process));
    }

    /**
     * Recreates a process from {@link #snapshot} output, with a new pid, in its own context (its
     * flows in their folders); it stays suspended until resumed.
     *
     * @throws IllegalArgumentException when {@code snapshot} cannot be restored here (not a snapshot,
     *                                  a flow that no longer compiles, a process waiting for children)
     */
    public JobflowProcess restore(String snapshot) {
        return new ProcessRestorer(services, Kompira::compileSaved).restoreSuspended(snapshot, registry.newPid());
    }

    /**
     * Terminates running processes (those in checkpoint mode keep their last checkpoint, so that an
     * engine built on the same store resumes them), closes the transports and stops the engine's
     * threads and HTTP clients.
     */
    @Override
    public void close() {
        scheduleFiring.close();
        if (mailChannels != null) {
            mailChannels.close();
        }
        registry.active().forEach(Machine::stopForShutdown);
        carriers.shutdown();
        timer.shutdownNow();
        try {
            carriers.awaitTermination(5, TimeUnit.SECONDS);
            // every engine has a timer thread (schedules look on it): a closed engine leaves none behind
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        carriers.shutdownNow();
        transports.forEach(Transport::close);
        if (services.jobManagers() != null) {
            services.jobManagers().close();
        }
        services.http().close();
        if (sourceLibraries != null) {
            sourceLibraries.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    /** Configures a {@link Kompira} engine. Not thread-safe. */
    public static final class Builder {

        private final List<Transport> transports = new ArrayList<>();
        private ZoneId zone = ZoneId.systemDefault();
        private Clock clock = Clock.systemDefaultZone();
        private boolean showCommands;
        private int carrierThreads = Runtime.getRuntime().availableProcessors();
        private ConsoleListener console = (pid, text) -> { };
        private Map<String, String> environment = Map.of();
        private int processLimit;
        private long pidsAbove;
        private java.util.function.Consumer<JobflowProcess> onProcess = p -> { };
        private String environmentObject;
        private final List<LibraryProvider> libraries = new ArrayList<>();
        private SourceLibraryRuntime sourceLibraries;
        private MailSupport mail;
        private Duration mailCheckUnit = Duration.ofMinutes(1);
        private Duration scheduleTick;
        private boolean schedulesFire = true;
        private StepHandler stepHandler;
        private CheckpointStore checkpoints;
        private ObjectStore store;
        private RealmTransport jobManagers;

        private Builder() {
        }

        /**
         * Sends remote work to job managers (docs/jobmanagers.md): each command, ScriptJob,
         * {@code put}/{@code get} and {@code reboot} that names a host, or {@code __realm__}, runs at a
         * job manager of its realm (objects.md §4.15) through {@code jobManagers}, for example
         * {@code dev.kompira.amqp.AmqpTransport}; jobs without either, and sessions, still run from the
         * engine. The engine closes it when it closes.
         */
        public Builder jobManagers(RealmTransport jobManagers) {
            this.jobManagers = java.util.Objects.requireNonNull(jobManagers, "jobManagers");
            return this;
        }

        /** Adds a transport; it is tried before those found by ServiceLoader and the local one. */
        public Builder transport(Transport transport) {
            transports.add(transport);
            return this;
        }

        /** Sets the engine zone (D38). */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            this.clock = clock.withZone(zone);
            return this;
        }

        /** Sets the clock (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Echoes {@code [user@host]$ command} before each command (D73). */
        public Builder showCommands(boolean show) {
            this.showCommands = show;
            return this;
        }

        /** Sets the number of carrier threads (default: one per core). */
        public Builder carrierThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("carrier threads must be at least 1, got " + threads);
            }
            this.carrierThreads = threads;
            return this;
        }

        /** Receives the console output of every process. */
        public Builder console(ConsoleListener listener) {
            this.console = listener;
            return this;
        }

        /** Sets the environment each process receives as {@code $ENV} (D56). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Takes each process's {@code $ENV} from the {@code environment} field of the Environment object
         * at {@code path} (objects.md §4.8), read when the process starts; the map of
         * {@link #environment(Map)} stands in while no such object exists.
         */
        public Builder environmentObject(String path) {
            this.environmentObject = path;
            return this;
        }

        /** Registers a library provider; it wins over one of the same id found by ServiceLoader. */
        public Builder library(LibraryProvider provider) {
            libraries.add(provider);
            return this;
        }

        /**
         * Sets what runs Library objects holding source code (objects.md §4.6), instead of the first
         * {@link SourceLibraryRuntime} that {@link ServiceLoader} finds; the engine closes it.
         */
        public Builder sourceLibraries(SourceLibraryRuntime runtime) {
            this.sourceLibraries = runtime;
            return this;
        }

        /**
         * Sets what builds, sends and parses mail ({@code mailto}, {@code mail_parse}, builtins.md §5.3),
         * instead of the first {@link MailSupport} that {@link ServiceLoader} finds; the engine closes it.
         */
        public Builder mail(MailSupport support) {
            this.mail = support;
            return this;
        }

        /**
         * Makes the scheduler look for due schedules every {@code tick} instead of just after each
         * minute boundary of the clock: for tests that move a fixed clock (docs/scheduling.md).
         */
        public Builder scheduleTick(Duration tick) {
            if (tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("the schedule tick must be positive: " + tick);
            }
            this.scheduleTick = tick;
            return this;
        }

        /**
         * Whether the engine starts the jobs of its schedules when they are due (default true); a tool
         * that runs one flow and exits may turn it off.
         */
        public Builder schedulesFire(boolean fire) {
            this.schedulesFire = fire;
            return this;
        }

        /**
         * Sets the length of one step of a MailChannel's {@code checkInterval} (objects.md §4.20): one minute
         * unless changed, as in Kompira; shorter for tests and demonstrations. The engine looks for due
         * channels once per step.
         */
        public Builder mailCheckUnit(Duration unit) {
            if (unit.isNegative() || unit.isZero()) {
                throw new IllegalArgumentException("the mail check unit must be positive: " + unit);
            }
            this.mailCheckUnit = unit;
            return this;
        }

        /** Limits the processes active at once; fork and pfor wait for slots (D105). 0, the default, means no limit. */
        public Builder processLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("the process limit must be 0 (none) or positive, got " + limit);
            }
            this.processLimit = limit;
            return this;
        }

        /**
         * Numbers new processes above {@code pid} (default 0): for an engine that follows another
         * whose processes are still known by their pids (a server's kept process records), so that
         * no pid is given twice. Restored processes raise it further (J143).
         */
        public Builder pidsAbove(long pid) {
            if (pid < 0) {
                throw new IllegalArgumentException("pidsAbove must be 0 or more, got " + pid);
            }
            this.pidsAbove = pid;
            return this;
        }

        /**
         * Tells {@code listener} of every process the engine makes, children and processes resumed
         * from checkpoints included, as it registers it: before it runs, and for a resumed one before
         * its saved state is filled in, so that the listener should only note the process and read it
         * later (from another thread, or through {@link JobflowProcess#completion()}). It runs on the
         * thread that makes the process and must be quick and not throw.
         */
        public Builder onProcess(java.util.function.Consumer<JobflowProcess> listener) {
            this.onProcess = java.util.Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Keeps the object tree in {@code store} (initialised with the built-in types and the standard
         * tree when empty); the default is a new in-memory store.
         */
        public Builder store(ObjectStore store) {
            this.store = store;
            return this;
        }

        /** Decides the pending steps of processes in step mode; without one they suspend (D101). */
        public Builder stepHandler(StepHandler handler) {
            this.stepHandler = handler;
            return this;
        }

        /**
         * Keeps the state of processes in checkpoint mode in {@code store}; the engine resumes the
         * processes saved there when it is built.
         */
        public Builder checkpoints(CheckpointStore store) {
            this.checkpoints = store;
            return this;
        }

        /**
         * Builds the engine and resumes the processes saved in its checkpoint store, if any.
         *
         * @throws IllegalStateException when a saved process cannot be read or its flow no longer compiles
         */
        public Kompira build() {
            Kompira kompira = new Kompira(this);
            if (checkpoints != null) {
                try {
                    kompira.resumeCheckpointed();
                } catch (IOException e) {
                    kompira.close();
                    throw new IllegalStateException("cannot resume the saved processes: " + e.getMessage(), e);
                }
            }
            return kompira;
        }
    }
}
