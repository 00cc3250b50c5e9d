package dev.kompira.core.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Collects a response body in memory up to {@link #LIMIT} bytes and gives up — closing the stream — when the body grows past the limit or when no bytes arrive
 * for {@code timeout} (the per-read timeout of D115). A body that announces a larger
 * Content-Length is refused before any of it is read. Thread-safe as the JDK client drives it: one
 * signal at a time, the timer from another thread.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The largest body {@code urlopen} keeps, as received (before gzip is undone) and after. */
    static final int LIMIT = 16 * 1024 * 1024;

    /** The body was larger than {@link #LIMIT}. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("the response body is larger than " + (LIMIT / (1024 * 1024)) + " MiB", null, false, false);
        }
    }

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final long announced;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private Flow.Subscription subscription;
    private ScheduledFuture<?> alarm;

    /** A body of {@code announced} bytes (-1: unknown) read with {@code timeout} per read (Java null: none). */
    BoundedBody(long announced, Duration timeout, ScheduledExecutorService timer) {
        this.announced = announced;
        this.timeout = timeout;
        this.timer = timer;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (announced > LIMIT) {
            fail(new TooLarge());
            return;
        }
        rearm();
        // all at once: asking buffer by buffer made the client hand every buffer to another thread;
        // the limit still holds, as the stream is cancelled as soon as the body passes it
        s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        rearm();
        for (ByteBuffer buffer : buffers) {
            if ((long) received.size() + buffer.remaining() > LIMIT) {
                fail(new TooLarge());
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public synchronized void onError(Throwable failure) {
        disarm();
        body.completeExceptionally(failure);
    }

    @Override
    public synchronized void onComplete() {
        disarm();
        body.complete(received.toByteArray());
    }

    /**
     * Fails the body with {@code why}, then cancels the stream: the order matters, as Java 25's client
     * answers the cancellation at once, on this thread, with an error of its own ("subscription
     * cancelled") that would otherwise be the reason the caller sees.
     */
    private void fail(Exception why) {
        disarm();
        body.completeExceptionally(why);
        subscription.cancel();
    }

    private void rearm() {
        disarm();
        if (timeout != null) {
            alarm = timer.schedule(this::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void timedOut() {
        if (!body.isDone()) {
            fail(new HttpTimeoutException("no data for the read timeout"));
        }
    }

    private void disarm() {
        if (alarm != null) {
            alarm.cancel(false);
            alarm = null;
        }
    }
}
