package dev.kompira.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP (or HTTPS) server on loopback for urlopen tests and benchmarks: handlers by path,
 * every request recorded, and the TCP connections it saw counted by their client address.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK's server holds back a body written after its headers until the
        // client acknowledges them, which a client with delayed ACKs does some 40 ms later: every
        // request on a kept-alive connection would take that long. Servers in production send at once.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A request as the server received it. */
    public record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {

        /** The first value of header {@code name} (any case), or Java null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();

    private LoopbackHttpServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.start();
    }

    /** A plain HTTP server on a free port of 127.0.0.1. */
    public static LoopbackHttpServer http() throws IOException {
        return new LoopbackHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100));
    }

    /** An HTTPS server on a free port of 127.0.0.1 with the key in the PKCS12 {@code keystore} (password {@code secret}). */
    public static LoopbackHttpServer https(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "secret".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new LoopbackHttpServer(server);
    }

    /**
     * Makes a self-signed certificate for the host name {@code host} only, with the JDK's keytool,
     * in {@code dir}; returns the keystore (password {@code secret}).
     */
    public static Path selfSignedKeystore(Path dir, String host) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return keystore;
    }

    /** Answers requests under {@code path} with {@code handler}; every request is recorded first. */
    public LoopbackHttpServer on(String path, Handler handler) {
        server.createContext(path, recording(handler));
        return this;
    }

    /** Answers requests under {@code path} with {@code status} and {@code body} as {@code text/plain; charset=utf-8}. */
    public LoopbackHttpServer text(String path, int status, String body) {
        return on(path, ex -> respond(ex, status, "text/plain; charset=utf-8", body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Sends a whole response with a Content-Length. */
    public static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean empty = body.length == 0 || ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    /** What the server does with one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    private HttpHandler recording(Handler handler) {
        return ex -> {
            clients.add(ex.getRemoteAddress());
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                    Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
            try {
                handler.handle(ex);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                ex.close();
            }
        };
    }

    /** {@code http://127.0.0.1:port} (or https). */
    public String base() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The requests received so far, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The last request received. */
    public Received last() {
        return received.get(received.size() - 1);
    }

    /** How many TCP connections the server has seen requests on (distinct client addresses). */
    public int connections() {
        return clients.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
