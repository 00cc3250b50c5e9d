package dev.kompira.core.transport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on the engine's own machine (conntype {@code local}) (language.md §8.2.3; the
 * command is composed by {@link CommandLine#local}).
 *
 * <p><b>Start.</b> On Linux with glibc 2.34 or later, a command starts through {@code posix_spawn}
 * with {@code POSIX_SPAWN_SETSID} ({@link PosixSpawn}, J264): it leads its own session and process
 * group from its first instruction, without the exec of a {@code setsid} program, with only the
 * three pipes of its standard streams open, no signal blocked, and the engine's environment.
 * Elsewhere, and for {@code __use_pty__}, it starts with {@link ProcessBuilder} behind
 * {@code setsid} where that is installed (see below).
 *
 * <p><b>Threads.</b> {@link #execute} only validates the request and returns; everything that
 * blocks runs on the transport's bounded I/O executor (daemon threads named
 * {@code kompira-local-io-N}). A spawned command takes one thread, which starts it, writes its
 * input and reads both outputs with one {@code poll} ({@link SpawnedProcess#communicate}), and
 * completes the result. A command started by the JDK takes one thread that starts the process,
 * reads standard error and completes the result, one that reads standard output, and one that
 * writes standard input when there is any, so that no pipe can fill up and deadlock. A command is
 * admitted only when all its threads are free, so the bound can never starve a running command;
 * later commands wait in FIFO order (their timeout starts when they start). Timeouts are handled by
 * one daemon thread {@code kompira-local-io-timer}.
 *
 * <p><b>End of a command.</b> The result completes on a transport thread once the process has
 * exited and both output streams are at end of file, so a background child that keeps the output
 * open keeps the command running (as over SSH) until it closes it or the timeout kills it. For a
 * command started by the JDK this needs care: left alone, the JDK would cut the output off when
 * the process exits, but only if no reader happened to be blocked at that moment
 * ({@code ProcessPipeInputStream.processExited} drains the pipe under the stream's monitor); to
 * make the behaviour independent of timing, each reader holds its stream's monitor for the whole
 * read, and the command starts behind a gate, {@code /bin/sh -c 'read -r _ && exec "$@"'}, that the
 * transport opens by writing one line feed to standard input (before the command's own input) once
 * both readers hold their monitors. The gate execs the command in place, so the process, its pid
 * and its status are the command's. When the command is itself {@code sh}, {@code dash} or
 * {@code bash -c TEXT} (the usual case), the gate is the first statement of that shell instead,
 * {@code read -r _ || exit 1; TEXT}, which spares one {@code exec} per command (J177); these shells
 * read a pipe byte by byte, so the read takes the line feed and nothing of the command's input. A
 * spawned command needs no gate: its pipes are this transport's own.
 *
 * <p><b>Process groups and killing.</b> A spawned command leads its own session; without
 * {@code posix_spawn}, on Linux, when {@code setsid} and {@code kill} are installed, the command
 * starts through {@code setsid} to the same effect: killing the group reaches children that
 * outlived the shell, the command has no controlling terminal (nothing can prompt on the engine's
 * console), and a Ctrl-C at the engine's console does not reach it. {@code setsid} runs the command
 * in place (a process started by the JVM is never a group leader, so {@code setsid} does not fork),
 * which keeps exit statuses exact. When {@code __timeout__} expires, the transport sends SIGKILL to
 * the process group (if it made one), to the process and to every descendant found before the kill
 * ({@link ProcessHandle#descendants()}), then completes with {@link CommandResult.TimedOut}.
 * Elsewhere only the descendant tree is killed. A process that left both the tree and the group
 * (one that called {@code setsid} itself) and keeps the output pipes open is out of reach: the
 * timeout still completes, but the reading threads stay until that process closes the pipes.
 *
 * <p><b>Statuses.</b> A process killed by signal <i>n</i> is reported by the JDK as 128 + <i>n</i>,
 * the same number the shell reports for a child it ran, so D70 needs no mapping.
 *
 * <p><b>Pseudo-terminal</b> ({@code __use_pty__}). Java cannot allocate a terminal, so on Linux
 * the command runs through util-linux {@code script -qec '<command>' /dev/null}: the command sees a
 * real terminal, standard error arrives merged into standard output, line ends arrive as
 * {@code \r\n}, standard input is echoed into the output, and input that does not end with a line
 * feed may not reach a program reading lines. Where {@code script} is missing, {@code __use_pty__}
 * only merges standard error into standard output (no terminal). Either way standard error is empty.
 *
 * <p><b>Failures to run.</b> A missing program (the shell, {@code sudo}, or the first word without
 * a shell), a missing working directory, an unsplittable command and a command over 112 KiB
 * complete with {@link CommandResult.Unreachable}; the program and directory are checked before
 * the start because behind {@code setsid} and the gate a failed {@code exec} would be an ordinary
 * status. A file without an interpreter line runs through {@code /bin/sh}, as {@code execvp} runs
 * it. A command the shell cannot find is the shell's status 127, as on any host.
 *
 * <p><b>Encoding.</b> The command line is passed as Java strings, which the JVM (JNA for a spawned
 * command) encodes with the platform encoding (the engine's locale), not with {@code __encoding__};
 * standard input arrives already encoded, and output is returned as raw bytes for
 * {@link CommandOutput}. The environment is the engine's own.
 *
 * <p>Thread-safety: thread-safe. {@link #close()} waits for the transport's threads to end, except
 * when it is called on one of them (from a callback on a result).
 */
public final class LocalTransport implements Transport {

    /** The default bound of the I/O executor: 64 commands with standard input at once. */
    public static final int DEFAULT_IO_THREADS = 192;

    /** The {@code $ERROR} text of commands ended or refused because the transport was closed. */
    static final String CLOSED = "the local transport was closed";

    private static final Logger LOG = LoggerFactory.getLogger(LocalTransport.class);
    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    private static final String THREAD_PREFIX = "kompira-local-io-";
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long GROUP_KILL_WAIT_MILLIS = 1000;
    private static final String GATE_SHELL = "/bin/sh";
    private static final List<String> GATE = List.of(GATE_SHELL, "-c", "read -r _ && exec \"$@\"", "kompira-gate");
    /** The gate as the first statement of a shell command's own text, on its first line so that line numbers stay. */
    private static final String SHELL_GATE = "read -r _ || exit 1; ";
    /** The shells that can be their own gate: POSIX shells whose {@code read} takes no more than one line of a pipe. */
    private static final Set<String> SELF_GATING_SHELLS = Set.of("sh", "dash", "bash");

    private final boolean spawn; // whether to use posix_spawn where it is available
    private final Path setsid;
    private final Path kill;
    private final Path script;
    private final boolean gate;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ThreadPoolExecutor io;
    private final ScheduledThreadPoolExecutor timer;

    private final Object lock = new Object();
    private final ArrayDeque<Run> waiting = new ArrayDeque<>(); // guarded by lock
    private final Set<Run> running = new HashSet<>(); // guarded by lock
    private int freeThreads; // guarded by lock
    private boolean closed; // guarded by lock

    /** Creates a transport with {@link #DEFAULT_IO_THREADS} I/O threads at most. */
    public LocalTransport() {
        this(DEFAULT_IO_THREADS);
    }

    /**
     * Creates a transport with at most {@code maxIoThreads} I/O threads (each running command
     * takes one, or, when started by the JDK, two, or three with standard input).
     *
     * @throws IllegalArgumentException if {@code maxIoThreads} is less than 3
     */
    public LocalTransport(int maxIoThreads) {
        this(maxIoThreads, true, true);
    }

    LocalTransport(int maxIoThreads, boolean processGroups, boolean ptyThroughScript) {
        this(maxIoThreads, processGroups, ptyThroughScript, true);
    }

    /**
     * Creates a transport; the flags allow tests to run without process groups, without
     * {@code script}, or through {@code setsid} where {@code posix_spawn} is available.
     */
    LocalTransport(int maxIoThreads, boolean processGroups, boolean ptyThroughScript, boolean posixSpawn) {
        if (maxIoThreads < 3) {
            throw new IllegalArgumentException("maxIoThreads must be at least 3: " + maxIoThreads);
        }
        this.spawn = LINUX && processGroups && posixSpawn; // checked with PosixSpawn.available() at the first command
        Path setsidProgram = LINUX && processGroups ? findProgram("setsid", null).orElse(null) : null;
        Path killProgram = setsidProgram != null ? findProgram("kill", null).orElse(null) : null;
        this.setsid = killProgram != null ? setsidProgram : null;
        this.kill = killProgram;
        this.script = LINUX && ptyThroughScript ? findProgram("script", null).orElse(null) : null;
        this.gate = isProgram(Path.of(GATE_SHELL));
        this.freeThreads = maxIoThreads;
        // An idle thread is reused before a new one is made (a pool with core threads makes a new thread
        // for every task until it has them all: 192 thread starts for the first 192 sequential commands).
        // The transport's own count (admit, release) keeps the busy threads within maxIoThreads; a thread
        // that released its share and is still returning to the pool is not counted, so the pool may
        // briefly hold a few more.
        this.io = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> newThread(task, THREAD_PREFIX + threadNumber.incrementAndGet()));
        this.timer = new ScheduledThreadPoolExecutor(1, task -> newThread(task, THREAD_PREFIX + "timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Returns whether commands start in their own process group (through {@code posix_spawn} or {@code setsid}). */
    boolean usesProcessGroups() {
        return usesPosixSpawn() || setsid != null;
    }

    /**
     * Returns whether commands without a terminal start through {@link PosixSpawn}. Asked at the
     * first command, not when the transport is made, so that an engine that runs no local command
     * never loads JNA and the C library (a start-up cost of every {@code kompira run}).
     */
    boolean usesPosixSpawn() {
        return spawn && PosixSpawn.available();
    }

    /** Returns whether {@code __use_pty__} allocates a real terminal (through {@code script}). */
    boolean allocatesTerminals() {
        return script != null;
    }

    /** Handles {@code local} only. */
    @Override
    public boolean supports(String conntype) {
        return "local".equals(conntype);
    }

    /**
     * Starts {@code request} on the I/O executor and returns at once. A request refused before
     * anything runs (over 112 KiB, not splittable into words, transport closed) gives an already
     * completed {@link CommandResult.Unreachable}.
     *
     * @throws dev.kompira.core.error.JobflowError {@code R-CONTROL} for contradictory control
     *         variables ({@link CommandLine#checkControl})
     */
    /** Starts the shell on the engine host; {@code __use_pty__} is not honoured here (Java cannot allocate a terminal). */
    @Override
    public CompletionStage<SessionOpening> openSession(SessionRequest request, InteractiveSession.Output output) {
        return CompletableFuture.completedFuture(LocalSession.open(request, output));
    }

    /** Copies on the engine host itself (D119), on the I/O executor. */
    @Override
    public CompletionStage<TransferResult> transfer(TransferRequest request) {
        try {
            return CompletableFuture.supplyAsync(() -> LocalFiles.transferLocally(request), io);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new TransferResult.Unreachable(CLOSED));
        }
    }

    @Override
    public CompletionStage<CommandResult> execute(CommandRequest request) {
        Objects.requireNonNull(request, "request");
        CommandLine.checkControl(request);
        Optional<String> tooLong = CommandLine.tooLong(request.command());
        if (tooLong.isPresent()) {
            return unreachable(tooLong.get());
        }
        CommandLine.Local line;
        try {
            line = CommandLine.local(request);
        } catch (CommandLine.SyntaxException e) {
            return unreachable(e.getMessage());
        }
        Run run = new Run(request, line, CommandLine.standardInput(request));
        run.result.whenComplete((outcome, failure) -> {
            if (run.result.isCancelled()) {
                run.abort();
            }
        });
        admit(run);
        return run.result;
    }

    /**
     * Kills every running command (its stage completes with {@link CommandResult.Unreachable}),
     * refuses waiting and later commands the same way, and waits up to five seconds for the
     * transport's threads to end. Idempotent.
     */
    @Override
    public void close() {
        List<Run> refused;
        List<Run> started;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            refused = new ArrayList<>(waiting);
            waiting.clear();
            started = new ArrayList<>(running);
        }
        refused.forEach(run -> run.finish(new CommandResult.Unreachable(CLOSED)));
        started.forEach(Run::abort);
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        boolean waitForThreads = !threads.contains(Thread.currentThread());
        if (waitForThreads) {
            awaitRunsEnded(deadline);
        }
        io.shutdown();
        timer.shutdownNow();
        if (waitForThreads) {
            joinThreads(deadline);
        }
    }

    private static CompletionStage<CommandResult> unreachable(String reason) {
        return CompletableFuture.completedFuture(new CommandResult.Unreachable(reason));
    }

    /** Creates a daemon thread and remembers it, so that {@link #close} can wait until it is dead. */
    private Thread newThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
        threads.add(thread);
        return thread;
    }

    /** Starts {@code run} if its threads are free and nobody waits before it, else queues it. */
    private void admit(Run run) {
        boolean admitted;
        synchronized (lock) {
            if (!closed && (!waiting.isEmpty() || freeThreads < run.threadsNeeded())) {
                waiting.add(run);
                return;
            }
            admitted = !closed;
            if (admitted) {
                freeThreads -= run.threadsNeeded();
                running.add(run);
            }
        }
        if (admitted) {
            io.execute(run::main);
        } else {
            run.finish(new CommandResult.Unreachable(CLOSED));
        }
    }

    /** Gives back {@code count} threads and starts the waiting commands that now fit. */
    private void release(int count) {
        List<Run> ready = new ArrayList<>();
        synchronized (lock) {
            freeThreads += count;
            while (!waiting.isEmpty() && freeThreads >= waiting.peek().threadsNeeded()) {
                Run run = waiting.poll();
                freeThreads -= run.threadsNeeded();
                running.add(run);
                ready.add(run);
            }
        }
        ready.forEach(run -> io.execute(run::main));
    }

    private void ended(Run run) {
        synchronized (lock) {
            running.remove(run);
            lock.notifyAll();
        }
    }

    private void awaitRunsEnded(long deadline) {
        synchronized (lock) {
            long left;
            while (!running.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void joinThreads(long deadline) {
        for (Thread thread : List.copyOf(threads)) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis <= 0) {
                break;
            }
            try {
                thread.join(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String alive = threads.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.joining(", "));
        if (!alive.isEmpty()) {
            LOG.warn("local transport closed with I/O threads still blocked: {}", alive);
        }
    }

    /**
     * SIGKILLs {@code process}, its process group when it leads one, and the descendants found
     * before the kill (killed processes' children are re-parented and would not be found after).
     */
    private void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        if (process instanceof SpawnedProcess spawned) {
            spawned.killGroup();
        } else if (setsid != null) {
            killGroup(process.pid());
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The JDK cannot signal a process group, so this runs {@code kill -KILL -- -pgid}. */
    private void killGroup(long pgid) {
        try {
            Process killer = new ProcessBuilder(kill.toString(), "-KILL", "--", "-" + pgid)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!killer.waitFor(GROUP_KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("kill of process group {} did not finish in time", pgid);
            }
        } catch (IOException e) {
            LOG.warn("cannot kill process group {}: {}", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Finds {@code program} as {@code execvp} would after changing to {@code directory}: a name
     * with a slash is a path (relative to the directory), any other name is searched on {@code PATH}.
     * Checked beforehand because {@code setsid} and {@code script} would otherwise turn a missing
     * program into an ordinary exit status.
     */
    static Optional<Path> findProgram(String program, Path directory) {
        try {
            Path base = directory == null ? Path.of("") : directory;
            if (program.indexOf('/') >= 0) {
                return Optional.of(base.resolve(program)).filter(LocalTransport::isProgram);
            }
            if (program.isEmpty()) {
                return Optional.empty();
            }
            String path = Objects.requireNonNullElse(System.getenv("PATH"), "/bin:/usr/bin");
            for (String entry : path.split(":", -1)) {
                Path candidate = base.resolve(entry).resolve(program);
                if (isProgram(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The existing directory {@code __dir__} names ({@link WorkingDirectory}), or {@code null}. */
    private static Path existingDirectory(String directory) {
        try {
            Path path = WorkingDirectory.of(directory);
            return Files.isDirectory(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean isProgram(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** One command: its request, its process once started, and its eventual result. */
    private final class Run {

        private final CommandRequest request;
        private final CommandLine.Local line;
        private final byte[] input;
        private final boolean spawned; // started through posix_spawn rather than the JDK
        private final CompletableFuture<CommandResult> result = new CompletableFuture<>();
        private volatile Process process;
        private int unusedThreads; // the admitted threads not handed to a task yet; main task only
        private boolean gated; // whether the command waits behind the gate; main task only
        private boolean claimed; // guarded by this: whether an outcome has been decided

        Run(CommandRequest request, CommandLine.Local line, byte[] input) {
            this.request = request;
            this.line = line;
            this.input = input;
            this.spawned = !request.usePty() && usesPosixSpawn();
        }

        /** One thread serves a spawned command's pipes; the JDK's streams need one each. */
        int threadsNeeded() {
            if (spawned) {
                return 1;
            }
            return input.length == 0 ? 2 : 3;
        }

        /** The command's first task: start, feed, read, wait, complete. */
        void main() {
            unusedThreads = threadsNeeded();
            ScheduledFuture<?> timeout = null;
            Process started = null;
            try {
                started = start();
                if (started != null) {
                    timeout = scheduleTimeout(started);
                    collect(started);
                }
            } catch (IOException e) {
                fail(started, "cannot read the output of the command: " + e.getMessage());
            } catch (RejectedExecutionException e) {
                fail(started, CLOSED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(started, CLOSED);
            } catch (RuntimeException | Error e) {
                LOG.error("bug while running a local command", e);
                killQuietly(started);
                if (claim()) {
                    result.completeExceptionally(e);
                }
            } finally {
                if (timeout != null) {
                    timeout.cancel(false);
                }
                ended(this);
                release(unusedThreads);
            }
        }

        /** Starts the process, or completes the result as unreachable and returns {@code null}. */
        private Process start() {
            if (isClaimed()) {
                return null; // closed before it started
            }
            String program = line.argv().get(0);
            Path directory = line.directory() == null ? null : existingDirectory(line.directory());
            if (line.directory() != null && directory == null) {
                finish(new CommandResult.Unreachable("no such directory: " + line.directory()));
                return null;
            }
            Optional<Path> executable = findProgram(program, directory);
            if (executable.isEmpty()) {
                finish(new CommandResult.Unreachable("cannot run program '" + program + "': no such executable file"));
                return null;
            }
            gated = gate && !spawned;
            try {
                Process started = spawned ? PosixSpawn.spawn(executable.get(), line.argv(), directory) : startBuilt(directory);
                process = started;
                if (isClaimed()) {
                    killTree(started); // closed while starting
                }
                return started;
            } catch (IOException e) {
                finish(new CommandResult.Unreachable("cannot run program '" + program + "': " + e.getMessage()));
                return null;
            }
        }

        /** Starts the command with {@link ProcessBuilder}, behind {@code setsid} and the gate where there are. */
        private Process startBuilt(Path directory) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(wrappedArgv());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            if (request.usePty()) {
                builder.redirectErrorStream(true);
                if (script != null) {
                    builder.environment().put("SHELL", "/bin/sh");
                }
            }
            return builder.start();
        }

        /** The argument vector with {@code setsid}, the gate and, for a terminal, {@code script} in front. */
        private List<String> wrappedArgv() {
            List<String> argv = new ArrayList<>();
            if (setsid != null) {
                argv.add(setsid.toString());
            }
            if (request.usePty() && script != null) {
                if (gate) {
                    argv.addAll(GATE);
                }
                argv.addAll(List.of(script.toString(), "-qec", scriptCommand(), "/dev/null"));
            } else if (gate && gatesItself(line.argv())) {
                argv.addAll(line.argv().subList(0, 2));
                argv.add(SHELL_GATE + line.argv().get(2));
            } else {
                if (gate) {
                    argv.addAll(GATE);
                }
                argv.addAll(line.argv());
            }
            return argv;
        }

        /** Whether {@code argv} is {@code SHELL -c TEXT} for a shell that can open the gate itself. */
        private static boolean gatesItself(List<String> argv) {
            return argv.size() == 3 && argv.get(1).equals("-c")
                    && SELF_GATING_SHELLS.contains(Path.of(argv.get(0)).getFileName().toString());
        }

        /**
         * The command {@code script} hands to {@code $SHELL -c}: {@code SHELL} is set to
         * {@code /bin/sh} for {@code script} so that the quoting below is read by a POSIX shell,
         * and the engine's own value is restored for the command.
         */
        private String scriptCommand() {
            String shell = System.getenv("SHELL");
            String restore = shell == null ? "unset SHELL; " : "SHELL=" + CommandLine.quote(shell) + " ";
            return restore + "exec " + line.argv().stream().map(CommandLine::quote).collect(Collectors.joining(" "));
        }

        private ScheduledFuture<?> scheduleTimeout(Process started) {
            Duration limit = request.timeout();
            if (limit == null || limit.isZero() || limit.isNegative()) {
                return null;
            }
            return timer.schedule(() -> timeOut(started, limit), limit.toNanos(), TimeUnit.NANOSECONDS);
        }

        /**
         * Kills the command and completes with {@link CommandResult.TimedOut}. The outcome is
         * claimed before the kill, because the kill ends the output and would otherwise let
         * {@link #collect} report the killed command as completed or unreadable.
         */
        private void timeOut(Process started, Duration limit) {
            if (claim()) {
                killTree(started);
                result.complete(new CommandResult.TimedOut(limit));
            }
        }

        /**
         * Decides the outcome: returns {@code true} for the first caller only (the command's own
         * task, the timeout or {@link #close}), which must then complete the result. Callbacks on
         * the result thus never run under the monitor.
         */
        private synchronized boolean claim() {
            boolean first = !claimed;
            claimed = true;
            return first;
        }

        private synchronized boolean isClaimed() {
            return claimed;
        }

        /** Completes the result with {@code outcome} unless another outcome was claimed first. */
        void finish(CommandResult outcome) {
            if (claim()) {
                result.complete(outcome);
            }
        }

        /** Reads both outputs concurrently, opens the gate and feeds the input, waits for the exit. */
        private void collect(Process started) throws IOException, InterruptedException {
            if (started instanceof SpawnedProcess child) {
                SpawnedProcess.Output output = child.communicate(input);
                finish(new CommandResult.Completed(child.waitFor(), output.stdout(), output.stderr()));
                return;
            }
            CompletableFuture<Void> stdoutHeld = new CompletableFuture<>();
            CompletableFuture<byte[]> stdout = new CompletableFuture<>();
            io.execute(() -> drain(started.getInputStream(), stdoutHeld, stdout));
            unusedThreads--;
            byte[] stderr = readHolding(started.getErrorStream(), () -> {
                stdoutHeld.join();
                openGate(started);
            });
            byte[] out = await(stdout);
            finish(new CommandResult.Completed(started.waitFor(), out, stderr));
        }

        /**
         * Reads {@code stream} to its end while holding its monitor, so that the JDK cannot cut it
         * off when the process exits (see the class comment); {@code onceHeld} runs under the monitor
         * first.
         */
        private byte[] readHolding(InputStream stream, Runnable onceHeld) throws IOException {
            synchronized (stream) {
                onceHeld.run();
                return stream.readAllBytes();
            }
        }

        private void drain(InputStream stream, CompletableFuture<Void> held, CompletableFuture<byte[]> into) {
            try {
                into.complete(readHolding(stream, () -> held.complete(null)));
            } catch (IOException | RuntimeException | Error e) {
                into.completeExceptionally(e); // the main task reports it; it must not wait forever
            } finally {
                held.complete(null);
                release(1);
            }
        }

        /** Lets the command start: the gate's line feed, then the input on a thread of its own. */
        private void openGate(Process started) {
            if (input.length == 0) {
                writeInput(started, false);
            } else {
                io.execute(() -> {
                    try {
                        writeInput(started, true);
                    } finally {
                        release(1);
                    }
                });
                unusedThreads--;
            }
        }

        private void writeInput(Process started, boolean withInput) {
            try (OutputStream stdin = started.getOutputStream()) {
                if (gated) {
                    stdin.write('\n');
                }
                if (withInput) {
                    stdin.write(input);
                }
            } catch (IOException e) {
                // The command ended or closed its input without reading everything: not an error.
                LOG.debug("standard input not fully consumed: {}", e.getMessage());
            }
        }

        private byte[] await(CompletableFuture<byte[]> output) throws IOException {
            try {
                return output.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        /** Kills the command and completes as unreachable, unless the timeout or close decided first. */
        private void fail(Process started, String reason) {
            killQuietly(started);
            finish(new CommandResult.Unreachable(reason));
        }

        /** Kills the command on its own task after a failure, and reaps it when it is the transport's child (the JDK reaps its own). */
        private void killQuietly(Process started) {
            if (started != null && started.isAlive()) {
                killTree(started);
            }
            if (started instanceof SpawnedProcess child) {
                child.waitFor();
            }
        }

        /** Ends the command because the transport closes. */
        void abort() {
            if (claim()) {
                Process started = process;
                if (started != null) {
                    killTree(started);
                }
                result.complete(new CommandResult.Unreachable(CLOSED));
            }
        }
    }
}
