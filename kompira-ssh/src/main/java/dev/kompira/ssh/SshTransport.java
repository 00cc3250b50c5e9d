package dev.kompira.ssh;

import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.InteractiveSession;
import dev.kompira.core.transport.SessionOpening;
import dev.kompira.core.transport.SessionRequest;
import dev.kompira.core.transport.Target;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import dev.kompira.core.transport.Transport;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.sftp.SFTPClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on remote hosts over SSH (sshj) for targets of connection type {@code ssh}
 * (language.md §6.6, §8.2): host keys checked against a known-hosts file, logins by password or key,
 * connections cached per endpoint and credentials and shared by concurrent commands, timeouts that
 * kill the remote command. A failure to connect or log in completes with
 * {@link CommandResult.Unreachable} and its reason, distinct from a command that ran and failed.
 *
 * <p>sshj's streams block, so each running command holds a thread of this transport's bounded I/O
 * executor ({@value #MAX_RUNNING} at most; more commands wait for one), never a carrier thread of the
 * engine, and for its standard input and standard error up to two stream threads.
 *
 * <p>Thread-safe. {@link #close()} kills running commands and closes every connection.
 */
public final class SshTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(SshTransport.class);
    private static final String CLOSED = "the SSH transport was closed";

    private final SshOptions options;
    /** Threads, timer and connections, made by the first command: most engines never run one over SSH. */
    private Running running;
    private boolean closed;

    /** What a transport that has run commands holds. */
    private record Running(ExecutorService io, ExecutorService streams, ScheduledExecutorService timer, Connections connections) {
    }

    /**
     * The most commands and copies that run at once; more wait for a thread. Each running command
     * also holds up to two short-lived stream threads.
     */
    public static final int MAX_RUNNING = 256;

    /** A transport with {@link SshOptions#defaults()}; the engine finds it through {@link java.util.ServiceLoader}. */
    public SshTransport() {
        this(SshOptions.defaults());
    }

    /** A transport with {@code options}. */
    public SshTransport(SshOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** The running parts, made on first use; null once closed. */
    private synchronized Running running() {
        if (running == null && !closed) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("kompira-ssh-timer-"));
            ThreadPoolExecutor io = new ThreadPoolExecutor(MAX_RUNNING, MAX_RUNNING, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    daemonThreads("kompira-ssh-io-"));
            io.allowCoreThreadTimeOut(true);
            running = new Running(io, Executors.newCachedThreadPool(daemonThreads("kompira-ssh-stream-")), timer,
                    new Connections(options, timer));
        }
        return closed ? null : running;
    }

    @Override
    public boolean supports(String conntype) {
        return "ssh".equals(conntype);
    }

    @Override
    public CompletionStage<CommandResult> execute(CommandRequest request) {
        String exec = CommandLine.ssh(request);
        Optional<String> tooLong = CommandLine.tooLong(exec);
        if (tooLong.isPresent()) {
            return CompletableFuture.completedFuture(new CommandResult.Unreachable(tooLong.get()));
        }
        return onIo((parts, stage) -> run(parts, request, exec, stage), new CommandResult.Unreachable(CLOSED));
    }

    /**
     * Copies files over SFTP ({@code put}/{@code get}, builtins.md §3) on the I/O executor; a
     * {@code put} with {@code __sudo__} stages the files and moves them in place with sudo.
     */
    @Override
    public CompletionStage<TransferResult> transfer(TransferRequest request) {
        return onIo((parts, stage) -> stage.complete(copy(parts, request, stage)), new TransferResult.Unreachable(CLOSED));
    }

    /** Copies; the stage completing first (a timeout, a terminated process) closes the SFTP channel, which stops the copy. */
    private static TransferResult copy(Running parts, TransferRequest request, CompletableFuture<TransferResult> stage) {
        Endpoint endpoint = Endpoint.of(request.target());
        Connections.Connection connection;
        try {
            connection = parts.connections().acquire(endpoint, request.useCache());
        } catch (LoginFailure e) {
            return new TransferResult.Unreachable(e.getMessage());
        }
        try (SFTPClient sftp = connection.client.newSFTPClient()) {
            stage.whenComplete((r, t) -> closeQuietly(sftp));
            return new RemoteFiles(sftp, request, rootShell(connection, request)).transfer();
        } catch (IOException | RuntimeException e) {
            return connection.client.isConnected() ? new TransferResult.Failed(request.job() + ": " + e.getMessage())
                    : new TransferResult.Unreachable("the connection to " + endpoint + " was lost: " + e.getMessage());
        } finally {
            parts.connections().release(connection);
        }
    }

    /** Opens a shell channel (with a pseudo-terminal when asked) on the I/O executor. */
    @Override
    public CompletionStage<SessionOpening> openSession(SessionRequest request, InteractiveSession.Output output) {
        return onIo((parts, stage) -> stage.complete(shell(parts, request, output)), new SessionOpening.Refused(CLOSED));
    }

    private static SessionOpening shell(Running parts, SessionRequest request, InteractiveSession.Output output) {
        Endpoint endpoint = Endpoint.of(request.target());
        Connections.Connection connection;
        try {
            connection = parts.connections().acquire(endpoint, request.useCache());
        } catch (LoginFailure e) {
            return new SessionOpening.Refused(e.getMessage());
        }
        try {
            return new SessionOpening.Opened(RemoteShell.start(connection, request.usePty(), output, parts.streams(),
                    () -> parts.connections().release(connection)));
        } catch (IOException | RuntimeException e) {
            parts.connections().release(connection);
            return new SessionOpening.Refused("cannot open a session on " + endpoint + ": " + e.getMessage());
        }
    }

    /** Closes the cached connections to {@code target}, as a reboot of it has broken them. */
    @Override
    public void forget(Target target) {
        Running parts;
        synchronized (this) {
            parts = closed ? null : running;
        }
        if (parts != null && supports(target.conntype())) {
            parts.connections().forget(Endpoint.of(target));
        }
    }

    /** Runs {@code work} on the I/O executor with the stage it completes; once closed, the stage is {@code whenClosed}. */
    private <T> CompletionStage<T> onIo(java.util.function.BiConsumer<Running, CompletableFuture<T>> work, T whenClosed) {
        CompletableFuture<T> stage = new CompletableFuture<>();
        Running parts = running();
        try {
            if (parts == null) {
                throw new RejectedExecutionException(CLOSED);
            }
            parts.io().execute(() -> work.accept(parts, stage));
        } catch (RejectedExecutionException closing) {
            stage.complete(whenClosed);
        }
        return stage;
    }

    /** Returns how many connections the cache holds open now. */
    public synchronized int cachedConnections() {
        return running == null || closed ? 0 : running.connections().size();
    }

    private static void run(Running parts, CommandRequest request, String exec, CompletableFuture<CommandResult> stage) {
        Endpoint endpoint = Endpoint.of(request.target());
        Connections.Connection connection;
        try {
            connection = parts.connections().acquire(endpoint, request.useCache());
        } catch (LoginFailure e) {
            stage.complete(new CommandResult.Unreachable(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // a bug, but the flow waiting for this stage must not wait for ever
            LOG.error("bug while logging in to {}", endpoint, e);
            stage.completeExceptionally(e);
            return;
        }
        try {
            stage.complete(new RemoteCommand(request, exec, connection, parts.streams()).run(parts.timer(), stage));
        } catch (IOException | RuntimeException e) {
            stage.complete(new CommandResult.Unreachable("the command could not run on " + endpoint + ": " + e.getMessage()));
        } finally {
            parts.connections().release(connection);
        }
    }

    /** Runs the scripts of a {@code put} with {@code __sudo__} on {@code connection}, the password (if any) fed to sudo. */
    private static RemoteFiles.RootShell rootShell(Connections.Connection connection, TransferRequest request) {
        return new RemoteFiles.RootShell() {
            @Override
            public void run(String script) throws IOException {
                CommandRequest asRoot = new CommandRequest(request.target(), script, true, "/bin/sh", null, true, false, true,
                        new byte[0], null, java.nio.charset.StandardCharsets.UTF_8);
                exec(connection, CommandLine.ssh(asRoot), CommandLine.standardInput(asRoot));
            }

            @Override
            public void removeStaging(String folder) {
                try {
                    exec(connection, "rm -rf " + CommandLine.quote(folder), new byte[0]);
                } catch (IOException | RuntimeException ignored) {
                    // a private folder in /tmp is left for the system's cleaning
                }
            }
        };
    }

    private static void exec(Connections.Connection connection, String command, byte[] stdin) throws IOException {
        try (net.schmizz.sshj.connection.channel.direct.Session session = connection.client.startSession()) {
            net.schmizz.sshj.connection.channel.direct.Session.Command run = session.exec(command);
            try (java.io.OutputStream in = run.getOutputStream()) {
                if (stdin.length > 0) { // an empty write fails once a fast script has ended (see RemoteCommand.feed)
                    in.write(stdin);
                }
            }
            run.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            String errors = new String(run.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            run.join();
            if (run.getExitStatus() == null || run.getExitStatus() != 0) {
                throw new IOException("sudo: " + (errors.isEmpty() ? "exit status " + run.getExitStatus() : errors));
            }
        }
    }

    private static void closeQuietly(SFTPClient sftp) {
        try {
            sftp.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is how an abandoned copy is stopped; it may be gone already
        }
    }

    @Override
    public void close() {
        Running parts;
        synchronized (this) {
            closed = true;
            parts = running;
        }
        if (parts != null) {
            parts.connections().close();
            parts.io().shutdownNow();
            parts.streams().shutdownNow();
            parts.timer().shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
