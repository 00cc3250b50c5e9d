package dev.kompira.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.Kompira;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.store.git.GitStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's HTTP API, v1 (docs/server.md): processes, consoles, channels, objects and the store's
 * revision as JSON over HTTP or HTTPS, and Prometheus metrics, every route behind a bearer token of
 * {@link TokenStore}, optionally limited to a request rate per token. Made for {@code kompira serve} and for
 * any tool that embeds an engine:
 *
 * <pre>{@code
 * try (Kompira kompira = Kompira.builder().store(store).build();
 *         KompiraServer server = KompiraServer.builder().engine(kompira)
 *                 .listen(new InetSocketAddress("127.0.0.1", 8730)).tokens(TokenStore.open(file)).build()) {
 *     server.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>The server does not own the engine: {@link #close()} stops serving and leaves the engine to its
 * owner. Runs on Javalin (Jetty); logs through SLF4J, never a token. Thread-safe.
 */
public final class KompiraServer implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KompiraServer.class);
    private static final String TOKEN = "kompira.token";
    private static final String ROUTE = "kompira.route";
    private static final String OPENAPI = "openapi.json";

    private final InetSocketAddress address;
    private final TokenStore tokens;
    private final ConsoleFollowers followers;
    private final ServerMetrics metrics;
    private final StoreApi store;
    /** How often to look at the branch, or null not to follow it. */
    private final Duration followBranch;
    /** Looks at the branch while the server runs; null until started with followBranch. */
    private ScheduledExecutorService follower;
    /** Null for plain HTTP. */
    private final TlsKeystore tls;
    /** Null without a rate limit. */
    private final RateLimiter limiter;
    private final List<Route> routes;
    private final Javalin app;
    private boolean started;
    private boolean closed;

    private KompiraServer(Builder b) {
        this.address = b.address;
        this.tokens = Objects.requireNonNull(b.tokens, "tokens");
        Kompira engine = Objects.requireNonNull(b.engine, "engine");
        this.followers = new ConsoleFollowers(b.maxFollowers, b.followInterval, b.keepAlive);
        ProcessViews views = new ProcessViews();
        ProcessApi processes = new ProcessApi(engine, views, followers, b.history);
        if (b.history != null) {
            b.history.attach(engine, views);
        }
        ChannelApi channels = new ChannelApi(engine);
        ObjectApi objects = new ObjectApi(engine);
        ScheduleApi schedules = new ScheduleApi(engine);
        this.store = new StoreApi(b.git, ZoneId.systemDefault());
        if (b.followBranch != null && b.git == null) {
            throw new IllegalStateException("followBranch needs the Git store: give store(...) too");
        }
        this.followBranch = b.followBranch;
        this.metrics = b.metrics != null ? b.metrics : ServerMetrics.create();
        this.limiter = b.rateLimit > 0 ? new RateLimiter(b.rateLimit, System::nanoTime) : null;
        metrics.engine(engine);
        byte[] openapi = openapi();
        this.routes = List.of(
                new Route("GET", "/api/v1/health", Role.VIEWER, ctx -> health(ctx, engine)),
                new Route("GET", "/api/v1/openapi.json", Role.VIEWER,
                        ctx -> ctx.contentType("application/json").result(openapi)),
                new Route("POST", "/api/v1/processes", Role.OPERATOR, processes::start),
                new Route("GET", "/api/v1/processes", Role.VIEWER, processes::list),
                new Route("GET", "/api/v1/processes/{pid}", Role.VIEWER, processes::show),
                new Route("GET", "/api/v1/processes/{pid}/console", Role.VIEWER, processes::console),
                new Route("POST", "/api/v1/processes/{pid}/suspend", Role.OPERATOR, processes::suspend),
                new Route("POST", "/api/v1/processes/{pid}/resume", Role.OPERATOR, processes::resume),
                new Route("POST", "/api/v1/processes/{pid}/terminate", Role.OPERATOR, processes::terminate),
                new Route("POST", "/api/v1/channels/{path}/messages", Role.OPERATOR, channels::send),
                new Route("GET", "/api/v1/channels/{path}/messages", Role.VIEWER, channels::peek),
                new Route("GET", "/api/v1/objects", Role.VIEWER, objects::read),
                new Route("GET", "/api/v1/objects/{path}", Role.VIEWER, objects::read),
                new Route("GET", "/api/v1/store", Role.VIEWER, store::show),
                new Route("POST", "/api/v1/store/reload", Role.ADMIN, store::reload),
                new Route("GET", "/api/v1/tokens", Role.ADMIN, this::listTokens),
                new Route("GET", "/api/v1/schedules", Role.VIEWER, schedules::list),
                new Route("GET", "/api/v1/schedules/{name}", Role.VIEWER, schedules::show),
                new Route("POST", "/api/v1/schedules", Role.ADMIN, schedules::add),
                new Route("DELETE", "/api/v1/schedules/{name}", Role.ADMIN, schedules::remove),
                new Route("GET", "/api/v1/jobmanagers", Role.VIEWER, new JobManagerApi(b.jobManagers)::list),
                new Route("GET", "/metrics", Role.VIEWER,
                        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())));
        this.tls = b.tls;
        this.app = Javalin.create(config -> configure(config, b.maxBodyBytes));
    }

    /** Returns a builder; {@code engine} and {@code tokens} must be given. */
    public static Builder builder() {
        return new Builder();
    }

    private void configure(JavalinConfig config, long maxBodyBytes) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        // its watcher is a thread that sleeps 5 s to warn about a server never started: one more thread to outlive close()
        config.startup.startupWatcherEnabled = false;
        config.http.maxRequestSize = maxBodyBytes;
        config.jetty.host = address.getHostString();
        config.jetty.port = address.getPort();
        if (tls != null) {
            // Javalin adds its plain HTTP connector only when none is given
            config.jetty.addConnector((server, http) -> tls.connector(server, http, address.getHostString(), address.getPort()));
        }
        config.routes.beforeMatched(this::authorize);
        for (Route r : routes) {
            switch (r.method()) {
                case "GET" -> config.routes.get(r.javalinPath(), r.handler(), r.role());
                case "DELETE" -> config.routes.delete(r.javalinPath(), r.handler(), r.role());
                default -> config.routes.post(r.javalinPath(), r.handler(), r.role());
            }
        }
        config.routes.exception(ApiException.class, (e, ctx) -> Http.sendError(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> Http.sendError(ctx, translate(e)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            Http.sendError(ctx, new ApiException(500, "internal", "the server failed to answer; its log says why"));
        });
        config.requestLogger.http((ctx, ms) -> {
            LOG.info("{} {} {} {} {} ms", ctx.method(), ctx.path(), ctx.statusCode(),
                    ctx.attribute(TOKEN) instanceof TokenInfo t ? t.name() : "-", Math.round(ms));
            String route = ctx.attribute(ROUTE);
            metrics.request(ctx.method().name(), route == null ? "unmatched" : route, ctx.statusCode());
        });
    }

    /** Javalin's own refusals (no such route, body too large) in the API's error form. */
    private static ApiException translate(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> ApiException.notFound("no such route; GET /api/v1/openapi.json lists them");
            case 413 -> new ApiException(413, "too_large", "the request body is larger than the server takes");
            default -> new ApiException(e.getStatus(), "http_" + e.getStatus(), e.getMessage());
        };
    }

    /** Lets a request through when its bearer token has the role its route needs. */
    private void authorize(Context ctx) {
        ctx.attribute(ROUTE, ctx.endpoints().matchedHttpEndpoint().path.replace("<path>", "{path}"));
        Role needed = ctx.routeRoles().stream().filter(Role.class::isInstance).map(Role.class::cast)
                .findFirst().orElse(Role.ADMIN);
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "this route needs a token: Authorization: Bearer <token>");
        }
        TokenInfo token = tokens.authenticate(header.substring(7).trim())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "the token is not valid (unknown or revoked)"));
        ctx.attribute(TOKEN, token);
        long wait = limiter == null ? 0 : limiter.acquire(token.name());
        if (wait > 0) {
            ctx.header("Retry-After", String.valueOf(wait));
            throw new ApiException(429, "rate_limited", "token '" + token.name() + "' sent more requests than the "
                    + "server takes per second; try again in " + wait + " s");
        }
        if (!token.role().allows(needed)) {
            throw new ApiException(403, "forbidden", "token '" + token.name() + "' is a " + token.role().label()
                    + " token; this route needs " + needed.label());
        }
    }

    /** Returns the token that authorised the request being answered. */
    static TokenInfo token(Context ctx) {
        return ctx.attribute(TOKEN);
    }

    private static void health(Context ctx, Kompira engine) {
        int active = engine.activeProcessCount();
        ObjectNode body = Http.JSON.createObjectNode().put("status", "ok");
        body.putObject("processes").put("active", active);
        Http.send(ctx, 200, body);
    }

    private void listTokens(Context ctx) {
        ObjectNode body = Http.JSON.createObjectNode();
        ArrayNode list = body.putArray("tokens");
        tokens.list().forEach(t -> list.addObject().put("name", t.name()).put("role", t.role().label())
                .put("created", t.created().toString()));
        Http.send(ctx, 200, body);
    }

    private static byte[] openapi() {
        try (InputStream in = KompiraServer.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + OPENAPI);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI, e);
        }
    }

    /** The routes this server answers, for the test that keeps the OpenAPI document in step. */
    List<Route> routes() {
        return routes;
    }

    /**
     * Starts listening; returns this server.
     *
     * @throws IllegalStateException when it was started before, or the address cannot be bound (in use, not local)
     */
    public synchronized KompiraServer start() {
        if (started) {
            throw new IllegalStateException("the server was started already");
        }
        started = true;
        app.start();
        if (followBranch != null) {
            follower = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kompira-follow-branch");
                t.setDaemon(true);
                return t;
            });
            follower.scheduleWithFixedDelay(store::follow, followBranch.toMillis(), followBranch.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("serving the Kompira API on {}://{}:{}/api/v1", scheme(), address.getHostString(), port());
        return this;
    }

    /** Returns {@code https} when the server serves TLS, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    /** Returns the port the server listens on (the one chosen when port 0 was asked for). */
    public int port() {
        return app.port();
    }

    /**
     * Stops serving: ends console streams and closes connections. The engine is left running. A
     * second call does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (follower != null) {
            // no interrupt: it would close the channels JGit reads the repository through, shared with the store
            follower.shutdown();
            try {
                follower.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        followers.close();
        app.stop();
    }

    /** Configures a {@link KompiraServer}. Not thread-safe. */
    public static final class Builder {

        private Kompira engine;
        private TokenStore tokens;
        private GitStore git;
        private ServerMetrics metrics;
        private double rateLimit;
        private TlsKeystore tls;
        private Duration followBranch;
        private ProcessHistory history;
        private RealmTransport jobManagers;
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 8730);
        private long maxBodyBytes = 1024 * 1024;
        private int maxFollowers = 64;
        private Duration followInterval = Duration.ofMillis(200);
        private Duration keepAlive = Duration.ofSeconds(15);

        private Builder() {
        }

        /** The engine whose processes, channels and objects the API serves. */
        public Builder engine(Kompira value) {
            this.engine = value;
            return this;
        }

        /**
         * The Git store the engine runs on, for {@code GET /api/v1/store} and {@code POST
         * /api/v1/store/reload}; without it the store routes say the engine runs on another store.
         */
        public Builder store(GitStore value) {
            this.git = value;
            return this;
        }

        /**
         * The metrics {@code GET /metrics} reports (default: new ones, which count no commands);
         * give the same to the engine's transports through {@link ServerMetrics#counting}.
         */
        public Builder metrics(ServerMetrics value) {
            this.metrics = value;
            return this;
        }

        /**
         * Limits each token to {@code perSecond} requests a second, in bursts of up to a second's worth;
         * one more gets 429 with {@code Retry-After}. 0, the default, sets no limit.
         *
         * @throws IllegalArgumentException for a negative or not finite rate
         */
        public Builder rateLimit(double perSecond) {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("the rate limit must be 0 (none) or more: " + perSecond);
            }
            this.rateLimit = perSecond;
            return this;
        }

        /**
         * Looks at the store's branch every {@code interval} while the server runs and deploys a new
         * head that passes {@code kompira check}, as {@code POST /api/v1/store/reload} does; a head
         * that does not is logged and shown by {@code GET /api/v1/store}, and not checked again.
         * Needs {@link #store}.
         */
        public Builder followBranch(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the interval must be positive: " + interval);
            }
            this.followBranch = interval;
            return this;
        }

        /**
         * Serves HTTPS only, with the certificate and key of the PKCS12 keystore {@code file} (whose
         * password is also its key's), read now.
         *
         * @throws IllegalArgumentException when it cannot be read, the password is wrong, or it holds no key
         */
        public Builder tls(Path file, char[] password) {
            this.tls = TlsKeystore.read(file, password);
            return this;
        }

        /**
         * Records the engine's processes in {@code value}, and shows the processes it kept from
         * before (ended, or stopped with a former server) beside the engine's own.
         */
        public Builder history(ProcessHistory value) {
            this.history = value;
            return this;
        }

        /**
         * The engine's transport to job managers (the one given to its builder), for {@code GET
         * /api/v1/jobmanagers}; without it that route answers 404 {@code no_job_managers}. For their
         * metrics give it to {@link ServerMetrics#jobManagers} too.
         */
        public Builder jobManagers(RealmTransport value) {
            this.jobManagers = value;
            return this;
        }

        /** Where to listen (default {@code 127.0.0.1:8730}; port 0 picks a free port). */
        public Builder listen(InetSocketAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /** The tokens that may use the API. */
        public Builder tokens(TokenStore value) {
            this.tokens = value;
            return this;
        }

        /** The largest request body taken, in bytes (default 1 MiB); a larger one gets 413. */
        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** How many clients may follow consoles at a time (default 64); one more gets 503. */
        public Builder maxConsoleFollowers(int value) {
            this.maxFollowers = value;
            return this;
        }

        /** How often followed consoles are looked at for new text (default 200 ms). */
        public Builder followInterval(Duration value) {
            this.followInterval = value;
            return this;
        }

        /** How long a followed console may send nothing before it gets a comment line (default 15 s); for tests. */
        Builder keepAlive(Duration value) {
            this.keepAlive = value;
            return this;
        }

        /** Builds the server, not yet listening: call {@link KompiraServer#start()}. */
        public KompiraServer build() {
            return new KompiraServer(this);
        }
    }
}
