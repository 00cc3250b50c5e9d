package dev.kompira.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.JobManagerStatus;
import dev.kompira.core.transport.RealmStats;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.RealmTransportStats;
import dev.kompira.core.transport.Target;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of job managers over AMQP (RabbitMQ): publishes each command, {@code put} and
 * {@code get} to the durable quorum queue of its realm and completes its stage with the result a job
 * manager sends back to this engine's own durable reply queue (docs/jobmanagers.md).
 *
 * <ul>
 * <li>Requests are persistent and published with publisher confirms; a request the broker refuses
 *     is published again with the same id, which job managers run at most once.</li>
 * <li>A request nobody has started within its {@code __timeout__} fails with {@code $STATUS = -1}
 *     (a realm without a job manager); without a timeout it waits.</li>
 * <li>Once a job manager has said it started the command, this transport watches that job manager's
 *     liveness queue; when the queue is gone (the job manager died) the command fails with
 *     {@code job manager lost while the command ran} and is never run again.</li>
 * <li>Results for commands no longer waited for (terminated processes) are dropped.</li>
 * <li>A lost broker connection is made again for the reconnect window; what waits keeps waiting,
 *     and requests the broker had not confirmed are published again.</li>
 * </ul>
 *
 * <p>{@link #stats()} tells, per realm, what waits and runs and what became of the requests sent, for
 * the metrics of {@code kompira serve} (J226).
 *
 * <p>Thread-safety: thread-safe; {@link #execute} never blocks (publishing happens on a thread of
 * the transport's own).
 */
public final class AmqpTransport implements RealmTransport {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpTransport.class);
    /** How often the job managers of running commands are checked. */
    private static final Duration LIVENESS_CHECK = Duration.ofMillis(500);
    /** Lost: the message of a command whose job manager died while it ran. */
    static final String LOST = "job manager lost while the command ran";
    private static final String CLOSED = "the engine's AMQP transport was closed";
    /** How long a broker loss is bridged unless told otherwise (J217). */
    public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(60);
    /** How long the reply queue outlives the reconnect window when nobody consumes it. */
    private static final Duration REPLY_QUEUE_SLACK = Duration.ofSeconds(60);

    private final BrokerLink link;
    /** The channels of the current connection; replaced when the link connects again. */
    private volatile Channel publishing;
    private volatile Channel liveness;
    /** This engine's durable reply queue, {@code kompira.engine.<uuid>}, the same across reconnections (J218). */
    private final String replyQueue;
    private final ExecutorService publisher;
    private final ScheduledExecutorService timer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Published and not yet confirmed, by publish sequence number; used only on the publisher thread and by confirms. */
    private final NavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
    /** Requests to publish once the broker is back; used only on the publisher thread. */
    private final List<Pending> held = new ArrayList<>();
    private final Set<String> declaredRealms = ConcurrentHashMap.newKeySet();
    /** What was done per realm, for {@link #stats()}. */
    private final Map<String, RealmCounts> counts = new ConcurrentHashMap<>();
    /** Connections made to the broker, the first included. */
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;
    /** Why the link was given up, or null. */
    private volatile String failed;
    /** Whether passwords and passphrases may travel: over TLS, or when the user allowed it. */
    private final boolean secretsAllowed;

    private AmqpTransport(BrokerLink.Connector connector, boolean secretsAllowed, Duration reconnect) throws IOException {
        this.secretsAllowed = secretsAllowed;
        this.replyQueue = "kompira.engine." + UUID.randomUUID();
        this.publisher = Executors.newSingleThreadExecutor(daemon("kompira-amqp-publish"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("kompira-amqp-timer"));
        this.link = new BrokerLink(connector, reconnect, new Link());
        try {
            link.start();
        } catch (IOException | RuntimeException e) {
            publisher.shutdownNow();
            timer.shutdownNow();
            throw e;
        }
        timer.scheduleWithFixedDelay(this::checkWorkers, LIVENESS_CHECK.toMillis(), LIVENESS_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Declares the reply queue and the consumer on a new connection. The reply queue is durable and
     * outlives the connection, so that replies sent while the broker was away wait there; it expires
     * ({@code x-expires}) a minute after the reconnect window when nobody consumes it, so that an
     * engine that never comes back leaves nothing behind (J218).
     */
    private void open(Connection connection) throws IOException {
        Channel replies = connection.createChannel();
        replies.queueDeclare(replyQueue, true, false, false,
                Map.of("x-expires", (int) Math.min(Integer.MAX_VALUE, link.window().toMillis() + REPLY_QUEUE_SLACK.toMillis())));
        Channel pub = connection.createChannel();
        pub.confirmSelect();
        pub.addConfirmListener(new Confirms());
        liveness = connection.createChannel();
        publishing = pub;
        replies.basicConsume(replyQueue, false, new Replies(replies));
        connections.incrementAndGet();
        publisher.execute(this::publishHeld);
    }

    /**
     * Connects to the broker at {@code uri} ({@code amqp://user:password@host:port/vhost}, or
     * {@code amqps://} for TLS, the broker's certificate and host name checked against the JVM's trust
     * store). Over {@code amqp://} commands whose target has a password or a passphrase are refused
     * ({@code $STATUS = -1}): those secrets travel in the request.
     *
     * @throws IOException if the broker cannot be reached or refuses the login
     */
    public static AmqpTransport connect(URI uri) throws IOException {
        return connect(uri, false);
    }

    /**
     * Connects like {@link #connect(URI)}; with {@code insecure}, passwords and passphrases travel
     * over {@code amqp://} too (a broker on the same machine, a network of one's own).
     *
     * @throws IOException if the broker cannot be reached or refuses the login
     */
    public static AmqpTransport connect(URI uri, boolean insecure) throws IOException {
        return connect(uri, insecure, DEFAULT_RECONNECT);
    }

    /**
     * Connects like {@link #connect(URI, boolean)}; after losing the broker the transport connects
     * again for up to {@code reconnect} (zero: not at all), the commands it waits for still waited
     * for, then fails them with {@code lost the connection to the AMQP broker: ...} (J217).
     *
     * @throws IOException if the broker cannot be reached or refuses the login
     */
    public static AmqpTransport connect(URI uri, boolean insecure, Duration reconnect) throws IOException {
        return new AmqpTransport(() -> Amqp.connect(uri, "kompira-engine", null),
                insecure || "amqps".equalsIgnoreCase(uri.getScheme()), reconnect);
    }

    /** Connects like {@link #connect(URI, boolean)}, checking the broker's certificate with {@code tls} (tests). */
    static AmqpTransport connect(URI uri, boolean insecure, javax.net.ssl.SSLContext tls) throws IOException {
        return new AmqpTransport(() -> Amqp.connect(uri, "kompira-engine", tls),
                insecure || "amqps".equalsIgnoreCase(uri.getScheme()), DEFAULT_RECONNECT);
    }

    @Override
    public CompletionStage<CommandResult> execute(String realm, CommandRequest request) {
        Optional<String> refused = refusal(request.target());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new CommandResult.Unreachable(refused.get()));
        }
        String id = UUID.randomUUID().toString();
        Long notAfter = notAfter(request.timeout());
        return answer(send(realm, id, Messages.REQUEST, Messages.encode(RequestMessage.of(id, request, notAfter)), request.timeout(),
                "command"), ReplyMessage::toResult);
    }

    /**
     * Sends a {@code put} or {@code get} to a job manager of {@code realm} (J223): the files of a
     * {@code put} are read here and travel in the request, those of a {@code get} come back in the
     * reply and are written here; at most 16 MiB either way.
     */
    @Override
    public CompletionStage<TransferResult> transfer(String realm, TransferRequest request) {
        Optional<String> refused = refusal(request.target());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new TransferResult.Unreachable(refused.get()));
        }
        boolean put = request.direction() == TransferRequest.Direction.PUT;
        List<FileMessage> files = List.of();
        if (put) {
            try {
                files = Transfers.read(request.job(), Path.of("").toAbsolutePath(), request.source());
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.completedFuture(new TransferResult.Failed(e instanceof Transfers.TooLarge ? e.getMessage()
                        : request.job() + ": " + e.getMessage()));
            }
            if (files.isEmpty()) {
                return CompletableFuture.completedFuture(new TransferResult.Failed("put: no such file: " + request.source()));
            }
        }
        String id = UUID.randomUUID().toString();
        byte[] body = Messages.encode(TransferMessage.of(id, request, files, notAfter(request.timeout())));
        return answer(send(realm, id, Messages.TRANSFER, body, request.timeout(), request.job()), reply -> put ? reply.toTransferResult()
                : placed(request, reply));
    }

    /** Writes the files a {@code get} brought back to the destination on this host. */
    private static TransferResult placed(TransferRequest request, ReplyMessage reply) {
        if (reply.kind() != ReplyMessage.Kind.COPIED) {
            return reply.toTransferResult();
        }
        try {
            Path destination = Path.of("").toAbsolutePath().resolve(request.destination());
            return new TransferResult.Done(Transfers.place(reply.files() == null ? List.of() : reply.files(), destination,
                    request.destination().endsWith("/")));
        } catch (IOException | RuntimeException e) {
            return new TransferResult.Failed("get: " + e.getMessage());
        }
    }

    /** Why nothing may be sent for {@code target} now, if so. */
    private Optional<String> refusal(Target target) {
        if (closed) {
            return Optional.of(CLOSED);
        }
        if (failed != null) {
            return Optional.of(failed);
        }
        if (!secretsAllowed && hasSecrets(target)) {
            return Optional.of("not sending the password or passphrase of " + target
                    + " over amqp:// without TLS: use amqps://, or allow it with --insecure-amqp");
        }
        return Optional.empty();
    }

    private static Long notAfter(Duration timeout) {
        return timeout == null ? null : System.currentTimeMillis() + timeout.toMillis();
    }

    /**
     * The stage the engine waits on: the reply of {@code p} read by {@code reading}, completed once
     * the request is forgotten; cancelling it cancels the request.
     */
    private static <T> CompletionStage<T> answer(Pending p, Function<ReplyMessage, T> reading) {
        CompletableFuture<T> out = new CompletableFuture<>();
        p.settled.whenComplete((r, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(reading.apply(r));
            }
        });
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                p.result.cancel(true);
            }
        });
        return out;
    }

    /** Publishes a request of {@code type} to {@code realm}'s queue and returns its eventual reply. */
    private Pending send(String realm, String id, String type, byte[] body, Duration timeout, String what) {
        AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder()
                .messageId(id).correlationId(id).replyTo(replyQueue).type(type)
                .contentType(Messages.CONTENT_TYPE).deliveryMode(2);
        if (timeout != null) {
            props.expiration(Long.toString(Math.max(1, timeout.toMillis())));
        }
        Pending p = new Pending(id, realm, body, props.build());
        pending.put(id, p);
        counts(realm).sent.incrementAndGet();
        p.settled = p.result.whenComplete((r, e) -> {
            pending.remove(id);
            if (e == null) {
                // before the engine's stage completes, so that whoever waits for it reads the counts that include it
                counts(realm).add(p.tally);
            }
            p.cancelWaitLimit();
            if (p.result.isCancelled() && p.worker != null) {
                cancel(id, p.worker);
            }
        });
        try {
            if (timeout != null) {
                p.waitLimit = timer.schedule(() -> {
                    if (p.worker == null) {
                        p.fail("no job manager of realm '" + realm + "' took the " + what + " within " + seconds(timeout)
                                + " seconds");
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            publisher.execute(() -> publish(p));
        } catch (RejectedExecutionException closing) {
            p.fail(CLOSED);
        }
        return p;
    }

    /** Publishes {@code p}, or holds it until the broker is back; runs on the publisher thread. */
    private void publish(Pending p) {
        if (p.result.isDone()) {
            return;
        }
        Channel channel = publishing;
        if (!channel.isOpen()) {
            hold(p, null);
            return;
        }
        long seq = channel.getNextPublishSeqNo();
        try {
            if (declaredRealms.add(p.realm)) {
                Messages.declareRealm(channel, p.realm);
            }
            unconfirmed.put(seq, p);
            channel.basicPublish("", Messages.realmQueue(p.realm), p.props, p.body);
        } catch (IOException | RuntimeException e) {
            unconfirmed.remove(seq);
            declaredRealms.remove(p.realm);
            if (!channel.isOpen()) {
                hold(p, e);
            } else {
                p.fail("cannot publish the command to realm '" + p.realm + "': "
                        + e.getMessage());
            }
        }
    }

    /** Keeps {@code p} for the next connection, or fails it when the link was given up. */
    private void hold(Pending p, Exception why) {
        String reason = failed;
        if (reason != null) {
            p.fail(reason);
        } else {
            LOG.debug("holding command {} until the broker is back: {}", p.id, why == null ? "no connection" : why.getMessage());
            held.add(p);
        }
    }

    /** Publishes again what was held while the broker was away; runs on the publisher thread. */
    private void publishHeld() {
        List<Pending> again = List.copyOf(held);
        held.clear();
        if (!again.isEmpty()) {
            LOG.info("publishing {} command(s) again after the broker came back", again.size());
        }
        again.forEach(this::publish);
    }

    /** Tells job manager {@code worker} to kill command {@code id}, which nobody waits for any more. */
    private void cancel(String id, String worker) {
        byte[] body = Messages.encode(new CancelMessage(id));
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId(id).type(Messages.CANCEL)
                .contentType(Messages.CONTENT_TYPE).build();
        try {
            publisher.execute(() -> {
                try {
                    publishing.basicPublish("", worker, props, body);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cannot cancel command {} at job manager {}: {}", id, worker, e.getMessage());
                }
            });
        } catch (RejectedExecutionException closed) {
            // the transport is closing; the job manager's command finishes and its result is dropped
        }
    }

    /** Fails the commands whose job manager's liveness queue has disappeared. */
    private void checkWorkers() {
        Map<String, List<Pending>> byWorker = pending.values().stream().filter(p -> p.worker != null)
                .collect(Collectors.groupingBy(p -> p.worker));
        for (Map.Entry<String, List<Pending>> e : byWorker.entrySet()) {
            if (!workerAlive(e.getKey())) {
                LOG.warn("job manager {} is gone; failing its {} running command(s)", e.getKey(), e.getValue().size());
                e.getValue().forEach(p -> p.settle(ReplyMessage.unreachable(p.id, LOST), Tally.LOST));
            }
        }
    }

    /**
     * A passive declare of the liveness queue: a job manager that died has lost its auto-delete
     * queue. Within the reconnect window after this engine came back to the broker, a missing queue
     * is not yet a lost job manager: after a broker restart the job managers come back too, under
     * the same names, their commands still running (J219).
     */
    private boolean workerAlive(String worker) {
        Connection connection = link.connection();
        if (connection == null) {
            return true; // no broker, no answer: wait for it
        }
        try {
            if (!liveness.isOpen()) {
                liveness = connection.createChannel();
            }
            liveness.queueDeclarePassive(worker);
            return true;
        } catch (IOException | RuntimeException e) {
            // a 404 closes the channel; a closed connection is the link's business
            if (!connection.isOpen() || !(e instanceof IOException io && notFound(io))) {
                return true;
            }
            long back = link.reconnectedAt();
            return back != 0 && System.nanoTime() - back < link.window().toNanos();
        }
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException s && s.getReason() instanceof AMQP.Channel.Close c
                && c.getReplyCode() == AMQP.NOT_FOUND;
    }

    /**
     * Returns, per realm this transport has sent to, the requests that wait in the queue and run at
     * job managers now and what became of those sent; whether the broker connection is up, and how
     * often it was made again after a loss.
     */
    @Override
    public Optional<RealmTransportStats> stats() {
        Map<String, int[]> now = new TreeMap<>();
        counts.keySet().forEach(realm -> now.put(realm, new int[2]));
        for (Pending p : pending.values()) {
            now.computeIfAbsent(p.realm, r -> new int[2])[p.worker == null ? 0 : 1]++;
        }
        List<RealmStats> realms = new ArrayList<>();
        now.forEach((realm, n) -> {
            RealmCounts c = counts(realm);
            realms.add(new RealmStats(realm, n[0], n[1], c.sent.get(), c.completed.get(), c.lost.get(), c.deadLettered.get()));
        });
        Connection connection = link.connection();
        boolean connected = !closed && failed == null && connection != null && connection.isOpen();
        return Optional.of(new RealmTransportStats(connected, Math.max(0, connections.get() - 1), realms));
    }

    /**
     * Asks the job managers of this transport's broker who they are, over its connection ({@link
     * JobManagers#list(URI, Duration)}).
     *
     * @throws IOException while the broker connection is lost
     */
    @Override
    public Optional<List<JobManagerStatus>> jobManagers(Duration wait) throws IOException, InterruptedException {
        Connection connection = link.connection();
        if (closed || connection == null || !connection.isOpen()) {
            throw new IOException(failed != null ? failed : closed ? CLOSED : "the connection to the AMQP broker is lost for now");
        }
        return Optional.of(JobManagers.list(connection, wait).stream()
                .map(j -> new JobManagerStatus(j.name(), j.realm(), j.host(), j.concurrency(), j.running())).toList());
    }

    private RealmCounts counts(String realm) {
        return counts.computeIfAbsent(realm, r -> new RealmCounts());
    }

    /** Abandons the commands still waiting, deletes the reply queue and closes the connection. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        publisher.shutdownNow();
        pending.values().forEach(p -> p.fail(CLOSED));
        Connection connection = link.connection();
        if (connection != null) {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(replyQueue);
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debug("deleting the reply queue; it expires by itself", e);
            }
        }
        link.close();
    }

    private static boolean hasSecrets(Target target) {
        return target != null && (target.password() != null || target.passphrase() != null || hasSecrets(target.proxy()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A command published and not yet answered. */
    private static final class Pending {
        final String id;
        final String realm;
        final byte[] body;
        final AMQP.BasicProperties props;
        final CompletableFuture<ReplyMessage> result = new CompletableFuture<>();
        /** Completes after {@link #result}, once the request is no longer pending. */
        volatile CompletableFuture<ReplyMessage> settled;
        /** The liveness queue of the job manager that started the command, or null while it waits. */
        volatile String worker;
        volatile ScheduledFuture<?> waitLimit;
        /** What became of the request, for {@link #stats()}: set once, just before {@link #result} completes. */
        private Tally tally = Tally.FAILED;

        Pending(String id, String realm, byte[] body, AMQP.BasicProperties props) {
            this.id = id;
            this.realm = realm;
            this.body = body;
            this.props = props;
        }

        void fail(String reason) {
            settle(ReplyMessage.unreachable(id, reason), Tally.FAILED);
        }

        /** Completes the request with {@code reply}, counted as {@code how}, unless it was completed before. */
        synchronized void settle(ReplyMessage reply, Tally how) {
            if (!result.isDone()) {
                tally = how;
                result.complete(reply);
            }
        }

        void cancelWaitLimit() {
            ScheduledFuture<?> limit = waitLimit;
            if (limit != null) {
                limit.cancel(false);
            }
        }
    }

    /** What became of a request, as {@link RealmStats} counts it. */
    private enum Tally {
        /** A job manager answered with the outcome. */
        COMPLETED,
        /** Its job manager was lost while it ran. */
        LOST,
        /** A job manager refused it into the dead letters. */
        DEAD_LETTERED,
        /** Anything else: timed out waiting, closed, the broker given up. */
        FAILED
    }

    /** The counts of {@link RealmStats} that only grow, for one realm. */
    private static final class RealmCounts {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();

        void add(Tally how) {
            switch (how) {
                case COMPLETED -> completed.incrementAndGet();
                case LOST -> lost.incrementAndGet();
                case DEAD_LETTERED -> deadLettered.incrementAndGet();
                case FAILED -> { }
            }
        }
    }

    /** Keeps what waits across a reconnection; fails it when the link is given up. */
    private final class Link implements BrokerLink.Owner {

        @Override
        public void opened(Connection connection) throws IOException {
            open(connection);
        }

        @Override
        public void lost(String reason) {
            try {
                publisher.execute(() -> {
                    // the broker may or may not have these: publish them again, job managers drop a second copy (J208)
                    held.addAll(unconfirmed.values());
                    unconfirmed.clear();
                    declaredRealms.clear();
                });
            } catch (RejectedExecutionException closing) {
                // closed meanwhile
            }
        }

        @Override
        public void gaveUp(String reason) {
            failed = reason;
            pending.values().forEach(p -> p.fail(reason));
        }
    }

    /** Reads the job managers' replies. */
    private final class Replies extends DefaultConsumer {

        Replies(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
            handle(body);
            // acknowledged once handled: a reply in flight when the connection drops is delivered again
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }

        private void handle(byte[] body) {
            ReplyMessage reply;
            try {
                reply = Messages.reply(body);
            } catch (IOException e) {
                LOG.warn("dropped a reply that cannot be read: {}", e.getMessage());
                return;
            }
            Pending p = pending.get(reply.id());
            if (p == null && reply.kind() == ReplyMessage.Kind.STARTED) {
                LOG.info("command {} started after this engine stopped waiting for it; cancelling it", reply.id());
                cancel(reply.id(), reply.worker());
            } else if (p == null) {
                LOG.info("dropped the {} reply of command {}, which is no longer waited for", reply.kind(), reply.id());
            } else if (reply.kind() == ReplyMessage.Kind.STARTED && p.worker != null && !p.worker.equals(reply.worker())) {
                // a request published again after a broker loss, which the broker had after all: one run is enough
                LOG.warn("command {} started a second time, at {}; cancelling that run", reply.id(), reply.worker());
                cancel(reply.id(), reply.worker());
            } else if (reply.kind() == ReplyMessage.Kind.STARTED) {
                p.worker = reply.worker();
                p.cancelWaitLimit();
            } else {
                // before STARTED only a job manager's refusal comes, having moved the request to the dead letters (J220)
                p.settle(reply, p.worker == null && reply.kind() == ReplyMessage.Kind.UNREACHABLE ? Tally.DEAD_LETTERED
                        : Tally.COMPLETED);
            }
        }
    }

    /** Publisher confirms: forgets confirmed requests, publishes refused ones again (same id). */
    private final class Confirms implements ConfirmListener {

        @Override
        public void handleAck(long seq, boolean multiple) {
            confirmed(seq, multiple);
        }

        @Override
        public void handleNack(long seq, boolean multiple) {
            for (Pending p : confirmed(seq, multiple)) {
                LOG.warn("the broker refused command {}; publishing it again", p.id);
                publisher.execute(() -> publish(p));
            }
        }

        private Collection<Pending> confirmed(long seq, boolean multiple) {
            if (multiple) {
                NavigableMap<Long, Pending> done = unconfirmed.headMap(seq, true);
                List<Pending> list = List.copyOf(done.values());
                done.clear();
                return list;
            }
            Pending p = unconfirmed.remove(seq);
            return p == null ? List.of() : List.of(p);
        }
    }

    /** For tests: the name of this engine's reply queue. */
    String replyQueue() {
        return replyQueue;
    }

    /** For tests: whether any command still waits. */
    int waiting() {
        return pending.size();
    }
}
