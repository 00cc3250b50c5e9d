package dev.kompira.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import java.io.IOException;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Publishes on one channel in confirm mode and hands each publisher a future of its own confirm, so
 * that many threads wait for their confirms at once and the broker confirms them together (one disk
 * write for many persistent messages) rather than one after another. When the channel closes, the
 * confirms still awaited fail: whether the broker has those messages is unknown, so they are sent
 * again on the next channel.
 *
 * <p>Thread-safety: thread-safe.
 */
final class ConfirmedPublisher {

    private final Channel channel;
    private final NavigableMap<Long, CompletableFuture<Void>> awaited = new ConcurrentSkipListMap<>();

    /** Puts {@code channel} in confirm mode and listens to its confirms. */
    ConfirmedPublisher(Channel channel) throws IOException {
        this.channel = channel;
        channel.confirmSelect();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long seq, boolean multiple) {
                confirmed(seq, multiple).forEach(f -> f.complete(null));
            }

            @Override
            public void handleNack(long seq, boolean multiple) {
                confirmed(seq, multiple).forEach(f -> f.completeExceptionally(new IOException("the broker refused the message")));
            }
        });
        channel.addShutdownListener(cause -> {
            IOException closed = new IOException("the channel closed before the broker confirmed: " + cause.getMessage());
            awaited.values().forEach(f -> f.completeExceptionally(closed));
            awaited.clear();
        });
    }

    /** Publishes; the future completes when the broker has the message, exceptionally if it refused it or the channel closed. */
    CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) throws IOException {
        CompletableFuture<Void> confirm = new CompletableFuture<>();
        synchronized (this) {
            long seq = channel.getNextPublishSeqNo();
            awaited.put(seq, confirm);
            try {
                channel.basicPublish(exchange, routingKey, props, body);
            } catch (IOException | RuntimeException e) {
                awaited.remove(seq);
                throw e;
            }
        }
        if (!channel.isOpen()) {
            confirm.completeExceptionally(new IOException("the channel closed"));
        }
        return confirm;
    }

    private List<CompletableFuture<Void>> confirmed(long seq, boolean multiple) {
        if (multiple) {
            NavigableMap<Long, CompletableFuture<Void>> done = awaited.headMap(seq, true);
            List<CompletableFuture<Void>> list = List.copyOf(done.values());
            done.clear();
            return list;
        }
        CompletableFuture<Void> f = awaited.remove(seq);
        return f == null ? List.of() : List.of(f);
    }
}
