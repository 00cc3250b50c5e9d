package dev.kompira.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/** Opens the AMQP connections of engines and job managers. Stateless and thread-safe. */
final class Amqp {

    /** Seconds between heartbeats: a peer that misses two is taken for dead by the broker. */
    private static final int HEARTBEAT_SECONDS = 5;

    private Amqp() {
    }

    /**
     * Connects to {@code uri} as {@code name}. The client's automatic recovery is off: engines and
     * job managers connect again through {@link BrokerLink}, which also re-declares their queues.
     *
     * @throws IOException if the URI is not an AMQP URI, or the broker cannot be reached or refuses the login
     */
    static Connection connect(URI uri, String name) throws IOException {
        return connect(uri, name, null);
    }

    /**
     * Connects like {@link #connect(URI, String)}; over {@code amqps://} the broker's certificate is
     * checked with {@code tls}, or with the JVM's default context (its trust store,
     * {@code javax.net.ssl.trustStore}) when it is null, and so is the host name. The RabbitMQ
     * client alone would trust every certificate, which would hand secrets to whoever sits between.
     */
    static Connection connect(URI uri, String name, SSLContext tls) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
            if ("amqps".equalsIgnoreCase(uri.getScheme())) {
                factory.useSslProtocol(tls != null ? tls : SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not an AMQP URI (amqp://user:password@host:port/vhost or amqps://...): " + redacted(uri), e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        try {
            return factory.newConnection(name);
        } catch (TimeoutException e) {
            throw new IOException("the AMQP broker at " + redacted(uri) + " did not answer in time", e);
        } catch (IOException e) {
            throw new IOException("cannot connect to the AMQP broker at " + redacted(uri) + ": " + describe(e), e);
        }
    }

    /** The URI without its password, for messages. */
    static String redacted(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || !info.contains(":")) {
            return uri.toString();
        }
        return uri.toString().replace(info, info.substring(0, info.indexOf(':')) + ":***");
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getCause() != null ? String.valueOf(e.getCause().getMessage()) : e.toString();
    }
}
