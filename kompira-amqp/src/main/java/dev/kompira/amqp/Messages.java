package dev.kompira.amqp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON form of {@link RequestMessage} and {@link ReplyMessage}, and the names both sides agree on.
 *
 * <p>Thread-safety: stateless apart from a thread-safe ObjectMapper.
 */
final class Messages {

    /** The content type of every message. */
    static final String CONTENT_TYPE = "application/json";
    /** The message type of requests; replies carry {@link #REPLY}. */
    static final String REQUEST = "kompira.command.v1";
    /** The message type of {@code put} and {@code get} requests. */
    static final String TRANSFER = "kompira.transfer.v1";
    /** The message type of replies. */
    static final String REPLY = "kompira.reply.v1";
    /** The message type of cancellations. */
    static final String CANCEL = "kompira.cancel.v1";
    /** The message type of the question "who is there?" to every job manager. */
    static final String WHO = "kompira.who.v1";
    /** The message type of a job manager's answer to {@link #WHO}. */
    static final String INFO = "kompira.jobmanager.v1";
    /** The fanout exchange bound to every job manager's liveness queue. */
    static final String ROLL_CALL = "kompira.jobmanagers";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Messages() {
    }

    /** The prefix of the auto-delete queue each job manager consumes while it lives. */
    static final String WORKER_PREFIX = "kompira.worker.";
    /** Where requests that no job manager can handle end up, kept for a person to look at. */
    static final String DEAD_LETTERS = "kompira.dead-letters";
    /** How often a request is delivered before it is taken for poison (it crashed its job managers). */
    static final int DELIVERY_LIMIT = 5;
    /**
     * At this many earlier deliveries ({@code x-delivery-count}) a job manager takes a request for
     * poison without reading it and tells its engine (J220): the broker's own limit would move it to
     * {@link #DEAD_LETTERS} silently one or two deliveries later.
     */
    static final int POISON_AFTER = DELIVERY_LIMIT - 1;
    /**
     * The arguments of a realm's queue; both sides declare it, with the same arguments: a quorum
     * queue whose rejected requests, and those delivered more than {@link #DELIVERY_LIMIT} times, go
     * to {@link #DEAD_LETTERS}.
     */
    static final Map<String, Object> REALM_QUEUE_ARGUMENTS = Map.of("x-queue-type", "quorum",
            "x-delivery-limit", DELIVERY_LIMIT, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", DEAD_LETTERS);

    /** The durable quorum queue of {@code realm}'s requests. */
    static String realmQueue(String realm) {
        return "kompira.realm." + realm;
    }

    /** Declares the queue of {@code realm}, and the dead letters, on {@code channel}; declaring them again is harmless. */
    static void declareRealm(Channel channel, String realm) throws IOException {
        channel.queueDeclare(DEAD_LETTERS, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueDeclare(realmQueue(realm), true, false, false, REALM_QUEUE_ARGUMENTS);
    }

    static byte[] encode(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a request; a body that is not one throws IOException. */
    static RequestMessage request(byte[] body) throws IOException {
        RequestMessage m = JSON.readValue(body, RequestMessage.class);
        if (m.id() == null || m.target() == null || m.command() == null || m.shell() == null || m.encoding() == null) {
            throw new IOException("a request needs id, target, command, shell and encoding");
        }
        try {
            m.toRequest(); // an unknown encoding, a bad target: found now, before the request is taken
        } catch (RuntimeException e) {
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return m;
    }

    /** Reads a {@code put} or {@code get} request; a body that is not one throws IOException. */
    static TransferMessage transfer(byte[] body) throws IOException {
        TransferMessage m = JSON.readValue(body, TransferMessage.class);
        if (m.id() == null || m.target() == null || m.direction() == null || m.source() == null || m.destination() == null) {
            throw new IOException("a put or get needs id, target, direction, source and destination");
        }
        try {
            m.target().toTarget();
        } catch (RuntimeException e) {
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return m;
    }

    /** Declares the exchange of {@link #ROLL_CALL}; declaring it again is harmless. */
    static void declareRollCall(Channel channel) throws IOException {
        channel.exchangeDeclare(ROLL_CALL, "fanout", true);
    }

    /** Reads a job manager's answer; a body that is not one throws IOException. */
    static JobManagerInfo info(byte[] body) throws IOException {
        JobManagerInfo m = JSON.readValue(body, JobManagerInfo.class);
        if (m.name() == null || m.realm() == null) {
            throw new IOException("an answer needs name and realm");
        }
        return m;
    }

    /** Reads a cancellation; a body that is not one throws IOException. */
    static CancelMessage cancel(byte[] body) throws IOException {
        CancelMessage m = JSON.readValue(body, CancelMessage.class);
        if (m.id() == null) {
            throw new IOException("a cancellation needs an id");
        }
        return m;
    }

    /** Reads a reply; a body that is not one throws IOException. */
    static ReplyMessage reply(byte[] body) throws IOException {
        ReplyMessage m = JSON.readValue(body, ReplyMessage.class);
        if (m.id() == null || m.kind() == null) {
            throw new IOException("a reply needs id and kind");
        }
        return m;
    }
}
