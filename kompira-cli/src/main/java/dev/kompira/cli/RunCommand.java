package dev.kompira.cli;

import dev.kompira.amqp.AmqpTransport;
import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.object.io.ImportException;
import dev.kompira.core.object.io.ImportOptions;
import dev.kompira.core.object.io.ImportReport;
import dev.kompira.core.process.CheckpointStore;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.value.Value;
import dev.kompira.ssh.SshTransport;
import dev.kompira.store.git.GitStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira run [FILE] [--param NAME=EXPR]... [--step] [--checkpoints DIR] [--store DIR [--checkpoint-mode]]}: runs a jobflow file
 * (or, with {@code --store} or {@code --import}, a Jobflow object),
 * streaming its console to standard output, and exits with the process's exit status (language.md
 * §10.3, §12.2); with a checkpoint folder that holds saved processes it resumes them instead, and
 * FILE may then be left out. On a terminal it keeps a progress line of fork/pfor children on
 * standard error.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs a jobflow file and streams its console to standard output.",
                "Exits with the process's exit status: 0 when it ends DONE, the status given to exit() or of the "
                        + "job that stopped the flow otherwise (statuses outside 1-255 are reduced modulo 256, 0 becoming 1); "
                        + "a flow that does not compile prints its diagnostics on standard error and exits 1.",
                "When standard output is a terminal, a line on standard error shows the progress of fork/pfor "
                        + "children (done/created, running, failed); it is erased before any console text and at the end."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The jobflow file (.kjf) to run; with --import, or "
            + "with --store and a name not ending in .kjf, the absolute path of a Jobflow object (e.g. /user/app/deploy). "
            + "Optional with --checkpoints DIR or --store DIR --checkpoint-mode: without it the processes saved there "
            + "resume, and there must be some.")
    Path file;

    @CommandLine.Mixin
    StoreOption objects = new StoreOption();

    @CommandLine.Mixin
    SshOption ssh = new SshOption();

    @Option(names = "--import", paramLabel = "EXPORT", description = "Load a Kompira export into the engine's "
            + "in-memory object tree before running; FILE is then a Jobflow object path. Repeatable. The export is "
            + ExportFiles.FORMS)
    List<Path> imports = List.of();

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=EXPR",
            description = "A parameter value, written as a jobflow expression: --param host=\"'web01'\" --param retries=3.")
    List<String> params = List.of();

    @Option(names = "--show-commands", description = "Print [user@host]$ command before each command runs.")
    boolean showCommands;

    @Option(names = "--step", description = "Step mode: pause before every command (and session, script or remote "
            + "built-in job) and ask on standard error whether to run it, skip it (it succeeds with $STATUS 0 and an "
            + "empty $RESULT) or abort the process. Answers are read from standard input, one line each: empty or r "
            + "runs, s skips, a aborts; the end of input aborts. Scriptable: printf 'r\\ns\\n' | kompira run --step FILE.")
    boolean step;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Checkpoint mode: save the process's state in "
            + "DIR (created if missing) after every job that leaves a trace, so that it survives a crash or an interrupted kompira; it is "
            + "removed when the process ends. If DIR already holds saved processes, FILE (which may then be left out) "
            + "is not started again: they resume from their last checkpoint (a job in progress at the crash runs "
            + "again), their console is streamed, and the exit status is that of the resumed top-level process. "
            + "kompira ps --checkpoints DIR lists them.")
    Path checkpoints;

    @Option(names = "--checkpoint-mode", description = "With --store: checkpoint mode in the store's own checkpoint "
            + "folder (<git dir>/kompira/checkpoints/<branch>, never committed), as --checkpoints DIR does with DIR; "
            + "kompira ps --store DIR lists the saved processes.")
    boolean checkpointMode;

    @CommandLine.Mixin
    AmqpOption jobManagers = new AmqpOption();

    /** Standard input and terminal detection; tests replace it to script answers and force the progress line. */
    Terminal terminal = Terminal.system();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (file == null && checkpoints == null && !checkpointMode) {
            throw new UserError("kompira run needs FILE, the jobflow to run; only --checkpoints DIR or --store DIR "
                    + "--checkpoint-mode go without it, to resume the processes saved there");
        }
        try (GitStore tree = objects.given() ? objects.open() : null) {
            if (checkpointMode) {
                checkpoints = storeCheckpoints(tree);
            }
            return run(tree);
        }
    }

    /** The store's checkpoint folder, for --checkpoint-mode. */
    private Path storeCheckpoints(GitStore tree) {
        if (tree == null || checkpoints != null) {
            throw new UserError("--checkpoint-mode needs --store DIR and no --checkpoints DIR: "
                    + "it keeps the processes in the store's own folder");
        }
        try {
            return tree.checkpointFolder();
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private Integer run(GitStore tree) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean byPath = file != null && (!imports.isEmpty() || objects.given() && !file.toString().endsWith(".kjf"));
        String source = byPath || file == null ? null : FlowFiles.read(file);
        if (file == null && !Files.isDirectory(checkpoints)) {
            throw nothingToResume();
        }
        CheckpointStore store = checkpoints == null ? null : openStore();
        Set<Long> saved = store == null ? Set.of() : savedPids(store);
        if (file == null && saved.isEmpty()) {
            throw nothingToResume();
        }
        if (!saved.isEmpty()) {
            // Before the engine is built: it resumes the processes at once and they may print right away.
            err.println("kompira: resuming " + saved.size() + " saved process(es) from " + checkpoints
                    + "; a job that was running at the crash runs again");
            err.flush();
        }
        ProgressLine progress = new ProgressLine(err);
        // Installed even without --step: resumed processes and flows that set step_mode themselves ask too,
        // instead of suspending forever with nobody to resume them.
        try (StepPrompt prompt = new StepPrompt(terminal.input(), !terminal.interactive(), err, progress);
                Kompira kompira = engine(out, store, tree, prompt, progress);
                Interruption interruption = new Interruption(kompira)) {
            List<JobflowProcess> roots;
            if (saved.isEmpty() && byPath) {
                Integer failed = importAll(kompira, err);
                if (failed != null) {
                    return failed;
                }
                StartOptions options = StartOptions.DEFAULT.withStepMode(step).withCheckpointMode(store != null);
                try {
                    roots = List.of(kompira.start(file.toString().replace('\\', '/'), parameters(kompira), options));
                } catch (FlowCompileException e) {
                    err.print(e.getMessage());
                    err.flush();
                    return 1;
                } catch (IllegalArgumentException e) {
                    err.println("kompira: " + e.getMessage());
                    err.flush();
                    return 1;
                }
            } else if (saved.isEmpty()) {
                CompiledFlow flow;
                try {
                    flow = kompira.compile(file.toString(), source);
                } catch (FlowCompileException e) {
                    err.print(e.getMessage());
                    err.flush();
                    return 1;
                }
                StartOptions options = StartOptions.DEFAULT.withStepMode(step).withCheckpointMode(store != null);
                roots = List.of(kompira.start(flow, parameters(kompira), options));
            } else {
                kompira.notResumed().forEach(refused -> err.println("kompira: cannot resume " + refused));
                err.flush();
                roots = resumedRoots(kompira, saved);
            }
            if (terminal.interactive()) {
                progress.start(() -> ProgressLine.describe(roots));
            }
            long status;
            try {
                status = await(roots);
            } finally {
                progress.close();
            }
            out.flush();
            return exitCode(status);
        }
    }

    /** Imports every --import file; returns the exit status when one fails, else Java null. */
    private Integer importAll(Kompira kompira, PrintWriter err) {
        for (Path export : imports) {
            try {
                ImportReport report = ExportFiles.importInto(kompira.tree(), export, "/", ImportOptions.defaults());
                report.warnings().forEach(w -> err.println("kompira: " + export + ": warning: " + w));
            } catch (ImportException e) {
                err.println("kompira: cannot import " + export + ":");
                err.println(e.getMessage());
                err.flush();
                return 1;
            }
        }
        err.flush();
        return null;
    }

    private UserError nothingToResume() {
        return new UserError("no saved process to resume in " + checkpoints + ": give FILE to start a jobflow");
    }

    private CheckpointStore openStore() {
        try {
            return new DirectoryCheckpointStore(checkpoints);
        } catch (IOException e) {
            throw new UserError("cannot use " + checkpoints + " as a checkpoint folder: " + e.getMessage(), e);
        }
    }

    /** The pids of the saved processes, those that cannot be read too: the engine refuses to resume them and says why. */
    private Set<Long> savedPids(CheckpointStore store) {
        try {
            Set<Long> pids = new TreeSet<>();
            store.records().forEach(r -> pids.add(r.pid()));
            return pids;
        } catch (IOException e) {
            throw new UserError("cannot read the checkpoint folder " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ctrl-C (or SIGTERM) while a flow runs terminates its processes — killing their running commands —
     * before the JVM exits; processes in checkpoint mode keep their last checkpoint for a later run.
     */
    private static final class Interruption implements AutoCloseable {

        private final Thread hook;

        Interruption(Kompira kompira) {
            this.hook = new Thread(kompira::close, "kompira-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting and the hook is running or has run
            }
        }
    }

    private Kompira engine(PrintWriter out, CheckpointStore store, GitStore tree, StepPrompt prompt, ProgressLine progress) {
        // a one-off run is no service: the store's schedules fire in kompira serve, not in every run beside it (J236)
        Kompira.Builder builder = Kompira.builder()
                .schedulesFire(false)
                .showCommands(showCommands)
                .stepHandler(prompt)
                .console((pid, text) -> progress.printing(() -> {
                    out.print(text);
                    out.flush();
                }));
        if (tree != null) {
            builder.store(tree);
        }
        SshTransport transport = ssh.transport();
        if (transport != null) {
            builder.transport(transport);
        }
        AmqpTransport amqp = jobManagers.transport();
        if (amqp != null) {
            builder.jobManagers(amqp);
        }
        if (store == null) {
            return builder.build();
        }
        try {
            return builder.checkpoints(store).build();
        } catch (IllegalStateException e) {
            throw new UserError(checkpoints + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the resumed processes that have no parent, in pid order; their children are waited
     * for through them.
     */
    private static List<JobflowProcess> resumedRoots(Kompira kompira, Set<Long> saved) {
        List<JobflowProcess> roots = new ArrayList<>();
        for (long pid : saved) {
            kompira.process(pid).ifPresent(p -> {
                // the engine brings a suspended process back suspended; this command is what resumes it
                if (p.state() == ProcessState.SUSPENDED) {
                    p.resume();
                }
                if (p.parent().isEmpty()) {
                    roots.add(p);
                }
            });
        }
        return roots;
    }

    /** Waits for every root; returns the first non-zero exit status in pid order, or 0. */
    private static long await(List<JobflowProcess> roots) throws InterruptedException {
        long status = 0;
        for (JobflowProcess root : roots) {
            ProcessOutcome outcome = root.await();
            if (status == 0) {
                status = outcome.exitStatus();
            }
        }
        return status;
    }

    private Map<String, Value> parameters(Kompira kompira) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String param : params) {
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--param needs NAME=EXPR, got '" + param + "'");
            }
            String name = param.substring(0, eq);
            try {
                values.put(name, kompira.parameterValue(name, param.substring(eq + 1)));
            } catch (FlowCompileException e) {
                throw new UserError("--param " + name + ": not a jobflow expression:\n" + e.getMessage());
            } catch (dev.kompira.core.error.JobflowError e) {
                throw new UserError("--param " + name + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** Maps an exit status to a process exit code, keeping every non-zero status non-zero. */
    static int exitCode(long status) {
        if (status == 0) {
            return 0;
        }
        int code = (int) (status & 0xff);
        return code == 0 ? 1 : code;
    }
}
