package dev.kompira.core.http;

import dev.kompira.core.value.DictionaryValue;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * One {@code urlopen} call on the wire: sends the request, follows redirects (at most
 * {@link #MAX_REDIRECTS}, never for HEAD, D115) and completes {@link #result()} with the result
 * Dictionary (builtins.md §5.1), or with an {@link UrlopenException} saying why there is none. No
 * thread waits: each response continues on the client's executor. {@link #cancel()} stops the
 * request under way (terminate, {@code __timeout__}). Thread-safe.
 */
public final class UrlopenExchange {

    /** Redirects followed before the call fails. */
    static final int MAX_REDIRECTS = 30;

    private final HttpClient client;
    private final Executor work;
    private final UrlopenRequest request;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<DictionaryValue> result = new CompletableFuture<>();
    private final List<UrlopenResult.Redirect> history = new ArrayList<>();
    /** Cookies set by the redirect responses, sent on to the same host. */
    private final Map<String, String> chainCookies = new LinkedHashMap<>();
    private volatile CompletableFuture<?> inFlight;

    private UrlopenExchange(HttpClient client, Executor work, UrlopenRequest request, ScheduledExecutorService timer) {
        this.client = client;
        this.work = work;
        this.request = request;
        this.timer = timer;
    }

    /** Starts {@code request} on a client of {@code clients}; {@code timer} runs the read timeouts. */
    public static UrlopenExchange start(HttpClients clients, UrlopenRequest request, ScheduledExecutorService timer) {
        UrlopenExchange exchange = new UrlopenExchange(clients.client(request.verify(), request.proxies()), clients.work(),
                request, timer);
        exchange.send(request.uri(), request.method(), request.body());
        return exchange;
    }

    /** Completes with the result Dictionary, or exceptionally with an {@link UrlopenException} or a cancellation. */
    public CompletableFuture<DictionaryValue> result() {
        return result;
    }

    /** Stops the exchange; {@link #result()} completes with a {@link CancellationException}. */
    public void cancel() {
        result.cancel(false);
        CompletableFuture<?> sending = inFlight;
        if (sending != null) {
            sending.cancel(true);
        }
    }

    private void send(URI uri, String method, RequestBody body) {
        HttpRequest httpRequest;
        try {
            httpRequest = httpRequest(uri, method, body);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new UrlopenException(e.getMessage()));
            return;
        }
        CompletableFuture<HttpResponse<byte[]>> sending = client.sendAsync(httpRequest,
                info -> bodyOf(info, httpRequest, uri, method));
        inFlight = sending;
        if (result.isCancelled()) {
            sending.cancel(true);
        }
        sending.whenComplete((response, failure) -> {
            if (result.isDone()) {
                return;
            }
            try {
                if (failure != null) {
                    result.completeExceptionally(failure(uri, failure));
                } else if (isRedirect(response.statusCode(), response.headers(), method)) {
                    follow(response, method, body);
                } else {
                    // a coded or large body, the only final response bodyOf left for here: decoded off the
                    // client's threads, which serve every other request meanwhile
                    work.execute(() -> complete(response));
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /**
     * The subscriber of a response's body. For a final response, the result is made where the body
     * ends, on the client's thread: the future that {@code sendAsync} returns completes one thread later
     * (Java 25's client hands it to the common pool), a wake-up that cost a sixth of a small request.
     * That future still reports failures, redirects and the bodies that take long to decode.
     */
    private BoundedBody bodyOf(HttpResponse.ResponseInfo info, HttpRequest httpRequest, URI uri, String method) {
        // the Content-Length of a HEAD response is that of the body a GET would get, not of this one
        long announced = method.equals("HEAD") ? -1 : info.headers().firstValueAsLong("content-length").orElse(-1);
        BoundedBody received = new BoundedBody(announced, request.timeout(), timer);
        if (!isRedirect(info.statusCode(), info.headers(), method)) {
            received.getBody().thenAccept(bytes -> {
                if (!isLarge(info.headers(), bytes)) {
                    complete(new Received(httpRequest, uri, info, bytes));
                }
            });
        }
        return received;
    }

    private void complete(HttpResponse<byte[]> response) {
        try {
            result.complete(UrlopenResult.of(request, response, history));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** Whether building the result takes long enough to hold up other requests: a coded or large body. */
    private static boolean isLarge(HttpHeaders headers, byte[] body) {
        return body != null && body.length > 64 * 1024 || headers.firstValue("content-encoding").isPresent();
    }

    /** A response whose body is in, as the body handler saw it: all that {@link UrlopenResult} reads of one. */
    private record Received(HttpRequest request, URI uri, HttpResponse.ResponseInfo info, byte[] body)
            implements HttpResponse<byte[]> {

        @Override
        public int statusCode() {
            return info.statusCode();
        }

        @Override
        public HttpHeaders headers() {
            return info.headers();
        }

        @Override
        public HttpClient.Version version() {
            return info.version();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty(); // redirects are followed by the exchange, never by the client
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty(); // not read by UrlopenResult
        }
    }

    private HttpRequest httpRequest(URI uri, String method, RequestBody body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (body != null) {
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        } else if (method.equals("GET")) {
            builder.GET(); // without the Content-Length: 0 that a method with an empty body gets
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            // HTTP/2 comes through TLS (ALPN); asking every plain request to upgrade to h2c, which RFC 9113
            // deprecates and servers hardly offer, would only add headers that some servers refuse
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (request.timeout() != null) {
            builder.timeout(request.timeout());
        }
        if (!hasHeader("Accept-Encoding")) {
            builder.header("Accept-Encoding", "gzip, deflate");
        }
        if (body != null && body.contentType() != null && !hasHeader("Content-Type")) {
            builder.header("Content-Type", body.contentType());
        }
        // credentials go only to the host they were given for, as Python's requests does
        if (request.authorization() != null && !hasHeader("Authorization") && sameHost(uri, request.uri())) {
            builder.header("Authorization", request.authorization());
        }
        String cookies = cookieHeader(uri);
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies);
        }
        request.headers().forEach(builder::header);
        return builder.build();
    }

    private boolean hasHeader(String name) {
        return request.headers().keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    private String cookieHeader(URI uri) {
        Map<String, String> cookies = new LinkedHashMap<>(request.cookies());
        if (sameHost(uri, request.uri())) {
            chainCookies.forEach(cookies::putIfAbsent);
        }
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
        return header.toString();
    }

    private static boolean isRedirect(int code, HttpHeaders headers, String method) {
        return !method.equals("HEAD") && (code == 301 || code == 302 || code == 303 || code == 307 || code == 308)
                && headers.firstValue("location").isPresent();
    }

    /** Sends the next request of a redirect: 301, 302 and 303 become a GET without body, 307 and 308 repeat the request. */
    private void follow(HttpResponse<byte[]> response, String method, RequestBody body) {
        URI from = response.uri();
        history.add(new UrlopenResult.Redirect(from.toString(), response.statusCode()));
        if (history.size() > MAX_REDIRECTS) {
            throw new UrlopenException("more than " + MAX_REDIRECTS + " redirects, the last to " + from);
        }
        for (String setCookie : response.headers().allValues("set-cookie")) {
            UrlopenResult.parseCookie(setCookie).ifPresent(c -> chainCookies.put(c.getName(), c.getValue()));
        }
        URI to;
        try {
            to = from.resolve(response.headers().firstValue("location").orElseThrow().trim());
        } catch (IllegalArgumentException e) {
            throw new UrlopenException("the redirect from " + from + " goes to an invalid URL: " + e.getMessage());
        }
        String scheme = Objects.toString(to.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || to.getHost() == null) {
            throw new UrlopenException("the redirect from " + from + " goes to a URL that is not http:// or https://: " + to);
        }
        boolean repeat = response.statusCode() == 307 || response.statusCode() == 308;
        send(to, repeat ? method : "GET", repeat ? body : null);
    }

    /** The failure of a request to {@code uri} as the detail of {@code $ERROR}. */
    private Throwable failure(URI uri, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException || cause instanceof UrlopenException) {
            return cause;
        }
        String where = uri.getHost() + ":" + port(uri);
        if (cause instanceof BoundedBody.TooLarge) {
            return new UrlopenException(cause.getMessage() + " (" + uri + ")");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new UrlopenException("cannot connect to " + where + ": timed out after " + request.timeoutText() + " seconds");
        }
        if (cause instanceof HttpTimeoutException) {
            return new UrlopenException("no answer from " + where + " within " + request.timeoutText() + " seconds");
        }
        if (cause instanceof SSLException) {
            return new UrlopenException("TLS failure with " + where + ": " + rootMessage(cause));
        }
        if (cause instanceof ConnectException) {
            return new UrlopenException("cannot connect to " + where + ": " + connectReason(cause));
        }
        if (cause instanceof IOException) {
            return new UrlopenException("request to " + where + " failed: " + rootMessage(cause));
        }
        return cause;
    }

    private static String connectReason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            // the JDK's client reports a refused connection as a closed channel, without a message
            if (t instanceof ClosedChannelException) {
                return "connection refused";
            }
            if (t.getMessage() != null) {
                return t.getMessage().equalsIgnoreCase("connection refused") ? "connection refused" : t.getMessage();
            }
        }
        return cause.getClass().getSimpleName();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : t.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b)
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }
}
