package dev.kompira.cli;

import dev.kompira.amqp.AmqpTransport;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.transport.LocalTransport;
import dev.kompira.server.CommandDrain;
import dev.kompira.server.KompiraServer;
import dev.kompira.server.ProcessHistory;
import dev.kompira.server.ServerMetrics;
import dev.kompira.server.TokenStore;
import dev.kompira.ssh.SshTransport;
import dev.kompira.store.git.GitStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kompira serve --store DIR [--listen 127.0.0.1:8730] [--tls-keystore FILE.p12] [--insecure-http]
 * [--amqp URI [--insecure-amqp] [--reconnect SECONDS]] [--rate-limit N/s] [--follow-branch[=SECONDS]] [--keep-processes N] [--keep-days D] [--shutdown-timeout SECONDS]
 * [--log-file FILE] [--log-level LEVEL]}:
 * one engine on a Git store that stays up, with the HTTP API of {@link KompiraServer}, until SIGTERM or
 * Ctrl-C; then it stops serving, lets the commands under way finish ({@link CommandDrain}) and closes
 * the engine, whose checkpoint-mode processes keep their last checkpoint and resume at the next start.
 * The records of its processes are kept across restarts ({@link ProcessHistory}); it logs to a file
 * ({@link ServeLog}).
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Runs an engine on a Git store with the HTTP API (docs/server.md) until SIGTERM or Ctrl-C.",
                "Every request needs a token of kompira token create. Processes started with \"checkpoint\": true "
                        + "are saved in the store's checkpoint folder and resume when the server starts again; the "
                        + "others are recorded as stopped with the server. SIGTERM lets the commands under way finish "
                        + "(--shutdown-timeout) and exits 0."})
final class ServeCommand implements Callable<Integer> {

    /** How long a stop signal waits for the engine to close, beyond --shutdown-timeout, before the JVM exits anyway. */
    private static final long CLOSE_SECONDS = 30;

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @CommandLine.Mixin
    SshOption ssh = new SshOption();

    @CommandLine.Mixin
    AmqpOption jobManagers = new AmqpOption();

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default: 127.0.0.1:8730; "
            + "port 0 picks a free one). Without --tls-keystore only a loopback address is taken.")
    String listen = "127.0.0.1:8730";

    @Option(names = "--insecure-http", description = "Listen on a non-loopback address in clear text: tokens and data "
            + "cross the network unencrypted. Only behind a TLS proxy or on a trusted network.")
    boolean insecureHttp;

    @Option(names = "--tls-keystore", paramLabel = "FILE.p12", description = "Serve HTTPS only, with the certificate "
            + "and key of this PKCS12 keystore; its password comes from --tls-password-file or KOMPIRA_TLS_PASSWORD. "
            + "With TLS any address may be given to --listen.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "A file holding the password of "
            + "--tls-keystore (default: the environment variable KOMPIRA_TLS_PASSWORD).")
    Path tlsPasswordFile;

    /** Where KOMPIRA_TLS_PASSWORD comes from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--follow-branch", arity = "0..1", fallbackValue = "10", paramLabel = "SECONDS",
            description = "Look at the store's branch every SECONDS (default 10) and deploy a new head that passes "
                    + "kompira check, as POST /api/v1/store/reload does; a head that does not is logged and left.")
    Integer followBranch;

    @Option(names = "--rate-limit", paramLabel = "N/s", description = "Requests a second each token may send "
            + "(bursts of a second's worth); one more gets 429 with Retry-After. Default: no limit.")
    String rateLimit;

    @Option(names = "--keep-processes", paramLabel = "N", description = "How many records of ended processes, with "
            + "their consoles, to keep across restarts (default: 1000; the newest are kept).")
    int keepProcesses = ProcessHistory.DEFAULT_KEEP;

    @Option(names = "--keep-days", paramLabel = "D", description = "How many days to keep the record of an ended "
            + "process (default: 30).")
    int keepDays = (int) ProcessHistory.DEFAULT_KEEP_FOR.toDays();

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", description = "On SIGTERM or Ctrl-C, how long "
            + "to let the commands under way finish (default: 30); no new command starts meanwhile.")
    int shutdownTimeout = 30;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Where the server logs (default: "
            + "<git dir>/kompira/logs/serve.log); it rolls over at 10 MiB and keeps 5 old files.")
    Path logFile;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "ERROR, WARN, INFO (default), DEBUG or TRACE.")
    String logLevel = "INFO";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The engine's transport to job managers, made by {@link #engine}; null without --amqp. */
    private AmqpTransport amqp;

    /** Holds new commands and waits for those under way when the server stops. */
    private final CommandDrain drain = new CommandDrain();

    /** Completed to stop serving: by the shutdown hook (SIGTERM, Ctrl-C), or by a test. */
    final CompletableFuture<Void> stop = new CompletableFuture<>();

    @Override
    public Integer call() throws Exception {
        store.require("kompira serve");
        InetSocketAddress address = address(listen);
        double perSecond = rateLimit == null ? 0 : rate(rateLimit);
        if (shutdownTimeout < 0) {
            throw new UserError("--shutdown-timeout needs 0 or more seconds, got " + shutdownTimeout);
        }
        if (keepProcesses < 0 || keepDays < 1) {
            throw new UserError("--keep-processes needs 0 or more records and --keep-days 1 or more days, got "
                    + keepProcesses + " and " + keepDays);
        }
        if (followBranch != null && followBranch < 1) {
            throw new UserError("--follow-branch needs a number of seconds, 1 or more, got " + followBranch);
        }
        if (!address.getAddress().isLoopbackAddress() && !insecureHttp && tlsKeystore == null) {
            throw new UserError("--listen " + listen + " is not a loopback address: without TLS kompira serve listens "
                    + "on loopback only; give --tls-keystore FILE.p12 to serve HTTPS, or --insecure-http to serve it in "
                    + "clear text anyway");
        }
        char[] tlsPassword = tlsKeystore == null ? null : tlsPassword();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.complete(null);
            try {
                closed.await(shutdownTimeout + CLOSE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kompira-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, sun.misc.SignalHandler> previous = handleStopSignals();
        try (GitStore git = store.open()) {
            if (git.isEmpty()) {
                throw new UserError(store.dir + " holds no tree yet: run kompira init --store " + store.dir);
            }
            TokenStore tokens = tokens(git);
            ServerMetrics metrics = ServerMetrics.create();
            Path log = logFile != null ? logFile : git.runtimeFolder().resolve("logs").resolve("serve.log");
            try (ServeLog logging = ServeLog.open(log, logLevel);
                    ProcessHistory history = history(git);
                    Kompira engine = engine(git, metrics, history);
                    KompiraServer server = server(engine, git, tokens, metrics, perSecond, tlsPassword, address, history)) {
                if (logging != null) {
                    err.println("kompira: logging to " + log);
                }
                engine.notResumed().forEach(refused -> err.println("kompira: cannot resume " + refused));
                if (tokens.list().isEmpty()) {
                    err.println("kompira: no token yet, so every request is refused: kompira token create --store "
                            + store.dir + " --role operator");
                }
                err.println("kompira: serving " + server.scheme() + "://" + address.getHostString() + ":" + server.port() + "/api/v1 for "
                        + store.dir + "; SIGTERM or Ctrl-C stops");
                err.flush();
                stop.join();
                err.println("kompira: stopping: no new requests; waiting up to " + shutdownTimeout
                        + " s for the commands under way; processes in checkpoint mode resume at the next start");
                err.flush();
                server.close();
                if (!drain.drain(Duration.ofSeconds(shutdownTimeout), engine)) {
                    err.println("kompira: " + drain.running() + " command(s) still ran after " + shutdownTimeout
                            + " s: their processes are terminated");
                }
                history.stopping();
            }
            return 0;
        } finally {
            previous.forEach((name, handler) -> sun.misc.Signal.handle(new sun.misc.Signal(name), handler));
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting and the hook is running or has run
            }
        }
    }

    /**
     * Stops the server on SIGTERM and SIGINT itself, so that it stops as it should and exits 0 (after
     * a signal the JVM runs its shutdown hooks and exits 143, which a service manager reports as a
     * failure); returns the handlers it replaced. Where the JVM does not offer a signal, the shutdown
     * hook stops the server.
     */
    private Map<String, sun.misc.SignalHandler> handleStopSignals() {
        Map<String, sun.misc.SignalHandler> previous = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                previous.put(name, sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.complete(null)));
            } catch (IllegalArgumentException unavailable) {
                // the shutdown hook stops the server
            }
        }
        return previous;
    }

    private TokenStore tokens(GitStore git) {
        try {
            return TokenStore.of(git);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The records of ended processes, per branch as the checkpoints are (pids are an engine's, and an engine serves one branch). */
    private ProcessHistory history(GitStore git) {
        Path folder = git.runtimeFolder().resolve("processes").resolve(git.checkpointFolder().getFileName());
        try {
            return ProcessHistory.open(folder, keepProcesses, Duration.ofDays(keepDays));
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private Kompira engine(GitStore git, ServerMetrics metrics, ProcessHistory history) {
        // given explicitly rather than left to the defaults, so that /metrics counts their commands
        SshTransport asked = ssh.transport();
        SshTransport transport = asked != null ? asked : new SshTransport();
        metrics.sshConnections(transport::cachedConnections);
        Kompira.Builder builder = Kompira.builder().store(git).transport(metrics.counting(drain.wrap(transport)))
                .transport(metrics.counting(drain.wrap(new LocalTransport())))
                .pidsAbove(history.highestPid()).onProcess(history::created);
        amqp = jobManagers.transport();
        if (amqp != null) {
            builder.jobManagers(drain.wrap(amqp));
            metrics.jobManagers(amqp);
        }
        try {
            return builder.checkpoints(new DirectoryCheckpointStore(git.checkpointFolder())).build();
        } catch (IOException | IllegalStateException e) {
            if (amqp != null) {
                amqp.close();
            }
            throw new UserError("cannot use the checkpoint folder " + git.checkpointFolder() + ": " + e.getMessage(), e);
        }
    }

    private KompiraServer server(Kompira engine, GitStore git, TokenStore tokens, ServerMetrics metrics,
            double perSecond, char[] tlsPassword, InetSocketAddress address, ProcessHistory history) {
        KompiraServer.Builder builder = KompiraServer.builder().engine(engine).store(git).tokens(tokens).metrics(metrics)
                .rateLimit(perSecond).listen(address).history(history).jobManagers(amqp);
        if (followBranch != null) {
            builder.followBranch(Duration.ofSeconds(followBranch));
        }
        if (tlsKeystore != null) {
            try {
                builder.tls(tlsKeystore, tlsPassword);
            } catch (IllegalArgumentException e) {
                throw new UserError("--tls-keystore: " + e.getMessage(), e);
            } finally {
                Arrays.fill(tlsPassword, '\0');
            }
        }
        KompiraServer server = builder.build();
        try {
            return server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new UserError("cannot listen on " + address.getHostString() + ":" + address.getPort() + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Returns the keystore's password: the first line of --tls-password-file, else KOMPIRA_TLS_PASSWORD. */
    private char[] tlsPassword() {
        if (tlsPasswordFile != null) {
            try {
                return Files.readString(tlsPasswordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new UserError("cannot read the password file " + tlsPasswordFile + ": " + e.getMessage(), e);
            }
        }
        String password = environment.get("KOMPIRA_TLS_PASSWORD");
        if (password == null) {
            throw new UserError("--tls-keystore needs its password: set KOMPIRA_TLS_PASSWORD or give --tls-password-file FILE");
        }
        return password.toCharArray();
    }

    /** Parses {@code N/s} (or {@code N}): requests a second, more than 0. */
    static double rate(String text) {
        String number = text.endsWith("/s") ? text.substring(0, text.length() - 2) : text;
        double value;
        try {
            value = Double.parseDouble(number.strip());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserError("--rate-limit needs requests a second, such as 20/s, got '" + text + "'");
        }
        return value;
    }

    /** Parses {@code HOST:PORT} ({@code [::1]:8730} for IPv6). */
    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UserError("--listen needs HOST:PORT, such as 127.0.0.1:8730, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UserError("--listen " + text + ": the port must be a number from 0 to 65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UserError("--listen " + text + ": unknown host " + host, e);
        }
    }
}
