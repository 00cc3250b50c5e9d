package dev.kompira.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker connection that comes back after a loss (J217): when the connection ends without this
 * side closing it, a thread of its own connects again with a growing pause (0.1 s doubling up to
 * 5 s) until the reconnect window has passed since the loss, then gives up for good. Each new
 * connection is handed to {@link Owner#opened}, which declares its queues and consumers again.
 *
 * <p>The RabbitMQ client's automatic recovery is not used: it retries for ever at a fixed pace, and
 * it would recover the channels but not what the engine and job managers must do at that moment
 * (publish again the requests and replies the broker had not confirmed, give the job managers of
 * running commands time to come back); one loop of our own does all of it in order.
 *
 * <p>Thread-safety: thread-safe.
 */
final class BrokerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;

    /** What the side that owns the link does when its connection comes, goes, or is given up. */
    interface Owner {
        /** Declares queues and consumers on a new connection; an exception makes the link try again. */
        void opened(Connection connection) throws IOException;

        /** The connection is gone; the link tries to connect again. */
        void lost(String reason);

        /** The window has passed without a connection: no further attempt. */
        void gaveUp(String reason);
    }

    /** Opens a connection to the broker. */
    interface Connector {
        Connection connect() throws IOException;
    }

    private final Connector connector;
    private final Duration window;
    private final Owner owner;
    private Connection connection;
    /** Why the link was given up, or null. */
    private String gaveUp;
    private boolean closed;
    /** When the last connection after a loss was made (nanoTime), or 0 if there has been no loss. */
    private volatile long reconnectedAt;

    /** A link that is not connected yet: {@link #start} connects it. */
    BrokerLink(Connector connector, Duration window, Owner owner) {
        this.connector = connector;
        this.window = window;
        this.owner = owner;
    }

    /**
     * Connects once, handing the connection to the owner; a broker that cannot be reached now is an
     * error at once, not something to wait for.
     */
    void start() throws IOException {
        Connection first = connector.connect();
        try {
            attach(first);
        } catch (IOException | RuntimeException e) {
            first.abort();
            throw e;
        }
    }

    /** How long a lost connection is tried again. */
    Duration window() {
        return window;
    }

    /** The connection, or null while it is lost. */
    synchronized Connection connection() {
        return connection;
    }

    /** Why the link was given up, or null while it lives. */
    synchronized String gaveUp() {
        return gaveUp;
    }

    /** When the connection last came back after a loss ({@link System#nanoTime}), 0 if it was never lost. */
    long reconnectedAt() {
        return reconnectedAt;
    }

    /**
     * Waits until the link is connected, given up or closed, at most {@code millis}.
     *
     * @return the connection, or null if there is none
     */
    synchronized Connection awaitConnection(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (connection == null && gaveUp == null && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return connection;
    }

    private void attach(Connection c) throws IOException {
        owner.opened(c);
        c.addShutdownListener(cause -> onShutdown(c, cause));
        synchronized (this) {
            connection = c;
            notifyAll();
        }
        if (!c.isOpen()) {
            onShutdown(c, c.getCloseReason());
        }
    }

    private void onShutdown(Connection c, ShutdownSignalException cause) {
        String reason = "lost the connection to the AMQP broker: " + (cause == null ? "closed" : cause.getMessage());
        synchronized (this) {
            if (connection != c || closed || (cause != null && cause.isInitiatedByApplication())) {
                return;
            }
            connection = null;
        }
        if (window.isZero() || window.isNegative()) {
            LOG.warn(reason);
            giveUp(reason);
            return;
        }
        LOG.warn("{}; connecting again for up to {} s", reason, window.toSeconds());
        owner.lost(reason);
        Thread t = new Thread(() -> reconnect(reason), "kompira-amqp-reconnect");
        t.setDaemon(true);
        t.start();
    }

    private void reconnect(String reason) {
        long deadline = System.nanoTime() + window.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            Connection c = null;
            try {
                c = connector.connect();
                reconnectedAt = System.nanoTime();
                attach(c);
                LOG.info("connected to the AMQP broker again");
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("still no AMQP broker: {}", e.getMessage());
                if (c != null) {
                    c.abort();
                }
            }
        }
        LOG.warn("{}; gave up after {} s", reason, window.toSeconds());
        giveUp(reason);
    }

    private void giveUp(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            gaveUp = reason;
            notifyAll();
        }
        owner.gaveUp(reason);
    }

    /** Closes the connection, waiting up to 5 s for the broker; no further attempt. */
    @Override
    public void close() {
        Connection c;
        synchronized (this) {
            closed = true;
            c = connection;
            connection = null;
            notifyAll();
        }
        if (c != null && c.isOpen()) {
            try {
                c.close(5000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the AMQP connection", e);
            }
        }
    }
}
