package dev.kompira.core.http;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The engine's HTTP clients for {@code urlopen}, created on first use and shared by all its
 * processes so that connections are reused: one per combination of {@code verify} and
 * {@code proxies}, the only options a {@link HttpClient} fixes for all its requests. Redirects are
 * followed by {@link UrlopenExchange} (to record {@code history}); HTTP/2 is used where an
 * {@code https} server offers it. Thread-safe; {@link #close()} drops the clients (Java 17's client
 * has no close: its selector thread ends once the client is unreferenced) and stops the work
 * threads, after which no request can be made.
 */
public final class HttpClients implements AutoCloseable {

    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private volatile boolean closed;

    private record Key(boolean verify, Proxies proxies) {
    }

    /** Returns the shared client for requests with {@code verify} and {@code proxies}. */
    public HttpClient client(boolean verify, Proxies proxies) {
        if (closed) {
            throw new UrlopenException("the engine is closed");
        }
        return clients.computeIfAbsent(new Key(verify, proxies), this::create);
    }

    private HttpClient create(Key key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                // the client's own tasks never block: running them where they arise, on its selector
                // thread, spares each request the wake-up of other threads (a third of its time when
                // the machine is busy); the work that can take long goes to work()
                .executor(Runnable::run)
                .proxy(key.proxies().selector());
        if (!key.verify()) {
            builder.sslContext(trustingEverything());
        }
        return builder.build();
    }

    /** Threads for what would hold up the clients' selector threads: undoing gzip, decoding large bodies. */
    synchronized Executor work() {
        if (closed) {
            throw new UrlopenException("the engine is closed");
        }
        if (workers == null) {
            AtomicInteger count = new AtomicInteger();
            workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "kompira-http-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }

    /** A TLS context that accepts any certificate for any host name ({@code verify = false}, D115). */
    private static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new TrustingEveryone()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }

    /** Stops the clients' work threads; requests under way fail or are never answered. */
    @Override
    public synchronized void close() {
        closed = true;
        clients.clear();
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
