package dev.kompira.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A RabbitMQ broker of its own for tests (Debian's {@code rabbitmq-server}; {@code .ci/run} installs
 * it): a unique node name, free loopback ports for AMQP, Erlang distribution and epmd, and its data,
 * logs and configuration in a temporary folder, so that brokers of several test runs never meet.
 * Starting takes about six seconds, so a test class shares one broker and each test takes a virtual
 * host of its own ({@link #newVirtualHost}), created with the broker from a definitions file.
 * {@link #close} stops the broker and its epmd and deletes the folder.
 *
 * <p>Thread-safety: {@link #newVirtualHost} may be called from any thread.
 */
public final class PrivateBroker implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Path folder;
    private final int port;
    private final int epmdPort;
    private final ProcessBuilder builder;
    private Process server;
    private final int virtualHosts;
    private final int tlsPort;
    private final AtomicInteger handedOut = new AtomicInteger();
    private boolean closed;

    private PrivateBroker(Path folder, int port, int tlsPort, int epmdPort, ProcessBuilder builder, int virtualHosts)
            throws IOException {
        this.folder = folder;
        this.builder = builder;
        this.tlsPort = tlsPort;
        this.port = port;
        this.epmdPort = epmdPort;
        this.server = builder.start();
        this.virtualHosts = virtualHosts;
    }

    /** Returns whether rabbitmq-server is installed. */
    public static boolean available() {
        return Files.isExecutable(SERVER);
    }

    /** Starts a broker with {@code virtualHosts} virtual hosts for the guest user and waits until it accepts AMQP. */
    public static PrivateBroker start(int virtualHosts) throws IOException, InterruptedException {
        return start(virtualHosts, false);
    }

    /**
     * Starts a broker like {@link #start(int)} that also accepts AMQP over TLS on {@link #tlsPort()},
     * with a server certificate for the name {@code localhost} (not for {@code 127.0.0.1}) signed by a certificate
     * authority made for it ({@link #certificateAuthority()}); needs {@code openssl}.
     */
    public static PrivateBroker startWithTls(int virtualHosts) throws IOException, InterruptedException {
        return start(virtualHosts, true);
    }

    private static PrivateBroker start(int virtualHosts, boolean tls) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("kompira-rabbit-");
        int port = freePort();
        int tlsPort = tls ? freePort() : 0;
        List<String> tlsConfig = tls ? certificates(folder, tlsPort) : List.of();
        int distPort = freePort();
        int epmdPort = freePort();
        Path definitions = folder.resolve("definitions.json");
        Files.writeString(definitions, definitions(virtualHosts), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("rabbit.conf"), String.join("\n",
                "listeners.tcp.default = 127.0.0.1:" + port,
                "load_definitions = " + definitions,
                "log.console = false",
                "log.file.level = warning",
                String.join("\n", tlsConfig),
                ""), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("enabled_plugins"), "[].\n", StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(SERVER.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("server.out").toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", folder.toString()); // the Erlang cookie
        env.put("RABBITMQ_NODENAME", "kompira-test-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost");
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_MNESIA_BASE", folder.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", folder.resolve("log").toString());
        env.put("RABBITMQ_CONFIG_FILE", folder.resolve("rabbit").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", folder.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", folder.resolve("rabbit.pid").toString());
        PrivateBroker broker = new PrivateBroker(folder, port, tlsPort, epmdPort, builder, virtualHosts);
        try {
            broker.awaitAmqp();
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static String definitions(int virtualHosts) {
        List<String> vhosts = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        for (int i = 1; i <= virtualHosts; i++) {
            vhosts.add("{\"name\": \"t" + i + "\"}");
            permissions.add("{\"user\": \"guest\", \"vhost\": \"t" + i + "\", \"configure\": \".*\", \"write\": \".*\", \"read\": \".*\"}");
        }
        // guest/guest with the broker's default password hashing; RabbitMQ accepts the default user only from loopback
        return "{\"users\": [{\"name\": \"guest\", \"password_hash\": \"" + GUEST_HASH + "\", "
                + "\"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": [\"administrator\"]}], "
                + "\"vhosts\": [" + String.join(", ", vhosts) + "], "
                + "\"permissions\": [" + String.join(", ", permissions) + "]}";
    }

    /** The password hash of "guest": base64 of a 4-byte salt followed by SHA-256(salt + "guest"). */
    private static final String GUEST_HASH = guestHash();

    private static String guestHash() {
        try {
            byte[] salt = {1, 2, 3, 4};
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] digest = sha.digest("guest".getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[salt.length + digest.length];
            System.arraycopy(salt, 0, all, 0, salt.length);
            System.arraycopy(digest, 0, all, salt.length, digest.length);
            return Base64.getEncoder().encodeToString(all);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the URI of a virtual host no other test has been given. */
    public String newVirtualHost() {
        int n = handedOut.incrementAndGet();
        if (n > virtualHosts) {
            throw new IllegalStateException("the broker was started with " + virtualHosts + " virtual hosts");
        }
        return uri("t" + n);
    }

    /** The AMQP URI of {@code vhost} on this broker. */
    public String uri(String vhost) {
        return "amqp://guest:guest@127.0.0.1:" + port + "/" + vhost;
    }

    /** Makes the certificate authority and the server's key and certificate; returns the broker's TLS settings. */
    private static List<String> certificates(Path folder, int tlsPort) throws IOException, InterruptedException {
        Files.writeString(folder.resolve("san.cnf"), "subjectAltName = DNS:localhost\n");
        openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=kompira test CA");
        openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
        return List.of("listeners.ssl.default = 127.0.0.1:" + tlsPort,
                "ssl_options.cacertfile = " + folder.resolve("ca.pem"),
                "ssl_options.certfile = " + folder.resolve("server.pem"),
                "ssl_options.keyfile = " + folder.resolve("server.key"),
                "ssl_options.verify = verify_none",
                "ssl_options.fail_if_no_peer_cert = false");
    }

    private static void openssl(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** The port of AMQP over TLS, or 0 when the broker was started without it. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The PEM file of the certificate authority that signed the broker's certificate. */
    public Path certificateAuthority() {
        return folder.resolve("ca.pem");
    }

    /** The processor time the broker's processes have used so far (its Erlang VM and helpers), for benchmarks. */
    public Duration cpuTime() {
        return server.descendants().map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The AMQP port. */
    public int port() {
        return port;
    }

    private void awaitAmqp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setVirtualHost("t1");
        factory.setConnectionTimeout(2000);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("rabbitmq-server exited with " + server.exitValue() + ": " + log());
            }
            try (Connection probe = factory.newConnection("probe")) {
                return;
            } catch (IOException | TimeoutException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("rabbitmq-server did not accept AMQP on port " + port + " within " + START_LIMIT.toSeconds()
                + " s: " + log());
    }

    private String log() throws IOException {
        return Files.readString(folder.resolve("server.out"));
    }

    /**
     * Stops the broker as an administrator would (SIGTERM: it closes every connection and writes its
     * queues to disk), waits {@code down}, and starts it again with the same node name, ports and
     * data folder; returns once it accepts AMQP again.
     */
    public void restart(Duration down) throws IOException, InterruptedException {
        stopServer();
        Thread.sleep(down.toMillis());
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("server.out").toFile()));
        server = builder.start();
        awaitAmqp();
    }

    private void stopServer() throws InterruptedException {
        List<ProcessHandle> tree = server.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        server.destroy();
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            }
        }
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    /** Stops the broker (its Erlang VM is a child of the start script) and its epmd, and deletes the folder; a second call does nothing. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
        stopEpmd();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** epmd runs as a daemon outside the broker's process tree; the port of its own makes it this broker's alone. */
    private void stopEpmd() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("epmd", "-port", Integer.toString(epmdPort), "-kill")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
