package dev.kompira.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.LocalTransport;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import dev.kompira.core.transport.Transport;
import dev.kompira.ssh.SshTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job manager: takes the command requests of one realm from its AMQP queue and runs them near
 * their targets with the local and SSH transports, sending each result back to the engine that
 * asked (docs/jobmanagers.md).
 *
 * <p>Delivery: the realm's queue is a durable quorum queue, read with manual acknowledgements and a
 * prefetch of {@code concurrency}. For each request the job manager (1) drops it if its id was seen
 * before or the engine has given up waiting, (2) acknowledges it, from then on it is this job
 * manager's alone, (3) tells the engine it started, naming its liveness queue, (4) runs the command,
 * (5) sends the result; a cancellation from the engine kills the command. A job manager that dies before (2) leaves the request to another one; one
 * that dies after it makes the engine fail the command (its liveness queue disappears with its
 * connection), so that no command runs twice.
 *
 * <p>A job manager that loses the broker connects again for up to its reconnect window (J217): its
 * commands run on, and their replies, persistent, are sent once the broker is back.
 *
 * <p>Thread-safety: thread-safe; commands run on {@code concurrency} threads of its own.
 */
public final class JobManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    /** How many request ids are remembered to drop duplicates. */
    private static final int REMEMBERED_IDS = 100_000;
    private static final long CONFIRM_TIMEOUT_MILLIS = 30_000;
    /** How long a job manager tries to connect again after losing the broker, unless told otherwise (J217). */
    public static final Duration DEFAULT_RECONNECT = Duration.ofSeconds(60);

    private final String realm;
    private final int concurrency;
    private final BrokerLink link;
    /** The channels of the current connection; replaced when the link connects again. */
    private volatile Channel consuming;
    private volatile ConfirmedPublisher publishing;
    private final String name;
    private final List<Transport> transports;
    private final ExecutorService runners;
    private final Set<String> seen = recentIds();
    /** The commands that run, by request id, so that a cancellation can kill them. */
    private final Map<String, CompletableFuture<?>> commands =
            new ConcurrentHashMap<>();
    /** Requests the engine cancelled before their command was registered in {@link #commands}. */
    private final Set<String> cancelled = Collections.synchronizedSet(recentIds());
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Why the broker connection was given up when this job manager did not close it, else null. */
    private volatile String lost;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    private JobManager(URI amqp, String realm, int concurrency, List<Transport> transports, Duration reconnect)
            throws IOException {
        this.realm = realm;
        this.concurrency = concurrency;
        this.transports = List.copyOf(transports);
        this.name = Messages.WORKER_PREFIX + realm + "." + UUID.randomUUID();
        AtomicInteger threads = new AtomicInteger();
        this.runners = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "kompira-jobmanager-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.link = new BrokerLink(() -> Amqp.connect(amqp, "kompira-jobmanager-" + realm), reconnect, new Link());
        try {
            link.start();
        } catch (IOException | RuntimeException e) {
            runners.shutdownNow();
            throw e;
        }
    }

    /** Declares this job manager's queues and consumers on a new connection. */
    private void open(Connection connection) throws IOException {
        ConfirmedPublisher pub = new ConfirmedPublisher(connection.createChannel());
        Channel con = connection.createChannel();
        // the liveness queue: auto-delete, so the broker deletes it the moment this job manager's consumer, and with
        // it its connection, ends; not exclusive, because engines must be able to look for it. The same name after
        // a reconnection, so that engines find the job manager of their running commands again.
        con.queueDeclare(name, false, false, true, null);
        Messages.declareRealm(con, realm);
        con.basicQos(concurrency);
        Messages.declareRollCall(con);
        con.queueBind(name, Messages.ROLL_CALL, "");
        publishing = pub;
        consuming = con;
        con.basicConsume(name, true, new Cancellations(con));
        con.basicConsume(Messages.realmQueue(realm), false, new Requests(con));
    }

    /**
     * Starts a job manager of {@code realm} with the local and SSH transports.
     *
     * @param amqp        the broker ({@code amqp://user:password@host:port/vhost}, or {@code amqps://})
     * @param realm       the realm whose commands it runs
     * @param concurrency how many commands it runs at once (at least 1)
     * @throws IOException if the broker cannot be reached
     */
    public static JobManager start(URI amqp, String realm, int concurrency) throws IOException {
        return start(amqp, realm, concurrency, List.of(new SshTransport(), new LocalTransport()));
    }

    /**
     * Starts a job manager of {@code realm} that runs commands with {@code transports} (first match
     * wins); it closes them when it closes.
     */
    public static JobManager start(URI amqp, String realm, int concurrency, List<Transport> transports) throws IOException {
        return start(amqp, realm, concurrency, transports, DEFAULT_RECONNECT);
    }

    /**
     * Starts a job manager like {@link #start(URI, String, int, List)} that connects again for up to
     * {@code reconnect} after losing the broker (zero: it stops at once), its commands running on;
     * after that {@link #awaitClosed} returns why.
     */
    public static JobManager start(URI amqp, String realm, int concurrency, List<Transport> transports, Duration reconnect)
            throws IOException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("a job manager needs a realm");
        }
        try {
            return new JobManager(amqp, realm, concurrency, transports, reconnect);
        } catch (IOException | RuntimeException e) {
            transports.forEach(Transport::close);
            throw e;
        }
    }

    /** A set that forgets its oldest ids beyond {@value #REMEMBERED_IDS}; not thread-safe. */
    private static Set<String> recentIds() {
        return Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_IDS;
            }
        });
    }

    /** The name of this job manager's liveness queue, unique among job managers. */
    public String name() {
        return name;
    }

    /** The realm it serves. */
    public String realm() {
        return realm;
    }

    /** How many commands run now. */
    public int running() {
        return running.get();
    }

    /**
     * Waits until the job manager is closed or has lost its broker connection for longer than its
     * reconnect window; after a loss, close it to kill the commands still running.
     *
     * @return why the connection was lost, or empty when the job manager was closed
     */
    public Optional<String> awaitClosed() throws InterruptedException {
        closed.await();
        return Optional.ofNullable(lost);
    }

    /**
     * Handles one delivery, acknowledging it on {@code channel}, the channel it came on: after a
     * reconnection a delivery of the old channel cannot be acknowledged any more, and the broker has
     * put it back in the queue.
     */
    private void handle(Channel channel, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        long tag = envelope.getDeliveryTag();
        int deliveries = earlierDeliveries(props);
        if (deliveries >= Messages.POISON_AFTER) {
            refuse(channel, tag, props, "job managers stopped " + deliveries + " times while they held the request, "
                    + "which may be what stops them: it was moved to " + Messages.DEAD_LETTERS + " unread");
            return;
        }
        WorkMessage message;
        try {
            message = Messages.TRANSFER.equals(props.getType()) ? Messages.transfer(body) : Messages.request(body);
        } catch (IOException e) {
            refuse(channel, tag, props, "the job manager cannot read the request: " + e.getMessage());
            return;
        }
        boolean fresh;
        synchronized (seen) {
            fresh = seen.add(message.id());
        }
        if (!fresh) {
            LOG.info("dropped a second delivery of command {}", message.id());
            ack(channel, tag);
            return;
        }
        if (message.notAfter() != null && System.currentTimeMillis() > message.notAfter()) {
            LOG.info("dropped command {}: the engine stopped waiting for it", message.id());
            ack(channel, tag);
            return;
        }
        if (!ack(channel, tag)) {
            synchronized (seen) {
                seen.remove(message.id()); // the broker delivers it again, maybe to this job manager
            }
            return;
        }
        if (!reply(props, ReplyMessage.started(message.id(), name))) {
            return;
        }
        running.incrementAndGet();
        try {
            reply(props, message instanceof TransferMessage t ? transfer(t)
                    : ReplyMessage.of(message.id(), run(message.id(), ((RequestMessage) message).toRequest())));
        } finally {
            running.decrementAndGet();
            commands.remove(message.id());
            cancelled.remove(message.id());
        }
    }

    /**
     * Carries out a {@code put} or {@code get} with this job manager's transport, through a private
     * folder of its own: a {@code put}'s files are written there first and copied from there, one
     * copied file or directory at a time (into the destination as a directory when there are several);
     * a {@code get} copies into it and sends back what it wrote. The folder is deleted afterwards.
     */
    private ReplyMessage transfer(TransferMessage message) {
        Transport transport = transportFor(message.target().conntype());
        if (transport == null) {
            return ReplyMessage.unreachable(message.id(), noTransport(message.target().conntype()));
        }
        Path folder = null;
        String job = message.direction() == TransferRequest.Direction.PUT ? "put" : "get";
        try {
            folder = Files.createTempDirectory("kompira-transfer-");
            if (message.direction() == TransferRequest.Direction.GET) {
                TransferResult got = copy(message.id(), transport, message.toRequest(message.source(), folder + "/"));
                return ReplyMessage.of(message.id(), got, got instanceof TransferResult.Done d
                        ? Transfers.collect(job, folder, d.written()) : null);
            }
            List<FileMessage> files = message.files() == null ? List.of() : message.files();
            Transfers.write(folder, files);
            List<String> tops = Transfers.tops(files);
            String destination = tops.size() > 1 && !message.destination().endsWith("/") ? message.destination() + "/"
                    : message.destination();
            List<String> written = new ArrayList<>();
            for (String top : tops) {
                TransferResult put = copy(message.id(), transport, message.toRequest(folder.resolve(top).toString(), destination));
                if (!(put instanceof TransferResult.Done d)) {
                    return ReplyMessage.of(message.id(), put, null);
                }
                written.addAll(d.written());
            }
            return ReplyMessage.of(message.id(), new TransferResult.Done(written), null);
        } catch (IOException | RuntimeException e) {
            return ReplyMessage.of(message.id(), new TransferResult.Failed(e instanceof Transfers.TooLarge ? e.getMessage()
                    : job + ": " + e.getMessage()), null);
        } finally {
            if (folder != null) {
                Transfers.delete(folder);
            }
        }
    }

    /** One copy by {@code transport}, which a cancellation from the engine stops. */
    private TransferResult copy(String id, Transport transport, TransferRequest request) {
        CompletableFuture<TransferResult> copying = transport.transfer(request).toCompletableFuture();
        commands.put(id, copying);
        if (cancelled.contains(id)) {
            copying.cancel(true);
        }
        try {
            return request.timeout() == null ? copying.get() : copying.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            copying.cancel(true);
            return new TransferResult.TimedOut(request.timeout());
        } catch (CancellationException e) {
            return new TransferResult.Unreachable("the engine cancelled the copy");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TransferResult.Unreachable("the job manager stopped while it copied");
        } catch (ExecutionException e) {
            return new TransferResult.Failed(request.job() + ": " + e.getCause().getMessage());
        }
    }

    private Transport transportFor(String conntype) {
        for (Transport t : transports) {
            if (t.supports(conntype)) {
                return t;
            }
        }
        return null;
    }

    private static String noTransport(String conntype) {
        return "the job manager has no transport for connection type '" + conntype + "'";
    }

    private CommandResult run(String id, CommandRequest request) {
        Transport t = transportFor(request.target().conntype());
        if (t == null) {
            return new CommandResult.Unreachable(noTransport(request.target().conntype()));
        }
        try {
            CompletableFuture<CommandResult> command = t.execute(request).toCompletableFuture();
            commands.put(id, command);
            if (cancelled.contains(id)) {
                command.cancel(true);
            }
            return command.get();
        } catch (CancellationException e) {
            return new CommandResult.Unreachable("the engine cancelled the command");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult.Unreachable("the job manager stopped while the command ran");
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new CommandResult.Unreachable(String.valueOf(cause.getMessage()));
        }
    }

    /** How often the broker delivered the request before, as quorum queues count it. */
    private static int earlierDeliveries(AMQP.BasicProperties props) {
        Object count = props.getHeaders() == null ? null : props.getHeaders().get("x-delivery-count");
        return count instanceof Number n ? n.intValue() : 0;
    }

    /**
     * Rejects a request for good, into the dead letters; its engine hears {@code why} at once when
     * it can be told (a reply queue and a correlation id, read without decoding the body).
     */
    private void refuse(Channel channel, long tag, AMQP.BasicProperties props, String why) {
        LOG.warn("rejected request {}: {}", props.getCorrelationId(), why);
        try {
            synchronized (channel) {
                channel.basicReject(tag, false);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot reject a request: {}", e.getMessage());
            return;
        }
        if (props.getCorrelationId() != null) {
            reply(props, ReplyMessage.unreachable(props.getCorrelationId(), why));
        }
    }

    private boolean ack(Channel channel, long tag) {
        try {
            synchronized (channel) {
                channel.basicAck(tag, false);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot acknowledge a request; leaving it to the broker to deliver again: {}", e.getMessage());
            return false;
        }
    }

    /**
     * Sends {@code reply} to the engine's reply queue, persistent, and waits until the broker has it;
     * while the broker is lost it waits for the link to come back and sends it again (J217), so that
     * a command that ran on through a broker restart still reports. Returns false when it could not
     * be sent (the link was given up or this job manager closed); the reply is then dropped with a
     * log line.
     */
    private boolean reply(AMQP.BasicProperties request, ReplyMessage reply) {
        if (request.getReplyTo() == null) {
            LOG.warn("command {} names no reply queue; its {} reply is dropped", reply.id(), reply.kind());
            return true;
        }
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId(reply.id())
                .type(Messages.REPLY).contentType(Messages.CONTENT_TYPE).deliveryMode(2).build();
        byte[] body = Messages.encode(reply);
        String failure = null;
        try {
            while (!closing.get() && link.gaveUp() == null) {
                if (link.awaitConnection(link.window().toMillis() + 1000) == null) {
                    continue;
                }
                try {
                    publishing.publish("", request.getReplyTo(), props, body).get(CONFIRM_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                    return true;
                } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
                    failure = e instanceof ExecutionException ? e.getCause().getMessage() : e.getMessage();
                    LOG.info("cannot send the {} reply of command {} now, trying again: {}", reply.kind(), reply.id(), failure);
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("dropped the {} reply of command {}: {}", reply.kind(), reply.id(),
                link.gaveUp() != null ? link.gaveUp() : failure != null ? failure : "the job manager stopped");
        return false;
    }

    /**
     * Stops taking requests and closes the connection: requests not yet started go back to the
     * realm's queue, commands still running are killed and their engines fail them as lost.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        runners.shutdownNow();
        link.close();
        transports.forEach(Transport::close);
        try {
            runners.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.countDown();
    }

    /** This job manager's answer to {@link Messages#WHO}. */
    private void answer(AMQP.BasicProperties question) {
        if (question.getReplyTo() == null) {
            return;
        }
        JobManagerInfo info = new JobManagerInfo(name, realm, hostName(), concurrency, running.get());
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().type(Messages.INFO)
                .contentType(Messages.CONTENT_TYPE).build();
        try {
            publishing.publish("", question.getReplyTo(), props, Messages.encode(info)); // no need to wait for its confirm
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot answer who is there: {}", e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }

    /**
     * Reads this job manager's own queue: kills the commands the engine no longer waits for (a
     * terminated process), or keeps them from starting, and answers who is there.
     */
    private final class Cancellations extends DefaultConsumer {

        Cancellations(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            if (Messages.WHO.equals(props.getType())) {
                answer(props);
                return;
            }
            String id;
            try {
                id = Messages.cancel(body).id();
            } catch (IOException e) {
                LOG.warn("dropped a cancellation that cannot be read: {}", e.getMessage());
                return;
            }
            cancelled.add(id);
            CompletableFuture<?> command = commands.get(id);
            if (command != null) {
                LOG.info("the engine cancelled command {}; killing it", id);
                command.cancel(true);
            }
        }
    }

    /** Declares again after a reconnection; ends {@link #awaitClosed} when the link is given up. */
    private final class Link implements BrokerLink.Owner {

        @Override
        public void opened(Connection connection) throws IOException {
            open(connection);
        }

        @Override
        public void lost(String reason) {
            // commands run on; their replies wait in reply() until the link is back
        }

        @Override
        public void gaveUp(String reason) {
            lost = reason;
            closed.countDown();
        }
    }

    /** Hands each request to a runner thread, so that the connection's thread never waits for a command. */
    private final class Requests extends DefaultConsumer {

        Requests(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            try {
                runners.execute(() -> handle(getChannel(), envelope, props, body));
            } catch (RejectedExecutionException closing) {
                // closing: the request stays unacknowledged and goes back to the queue with the connection
            }
        }
    }
}
