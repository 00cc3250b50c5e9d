package dev.kompira.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients that follow a process's console as Server-Sent Events. No thread waits per client:
 * one timer thread looks at every followed console each {@code interval} and sends what is new as a
 * {@code console} event (the text as a JSON string), and when the process has ended, the rest and an
 * {@code end} event (state and exit status) before it closes the stream; a process that ends is
 * looked at at once. A stream with nothing new gets a comment line now and then, so that idle
 * timeouts (Jetty's is 30 s) do not cut it. At most {@code limit} clients follow at a time. Thread-safe.
 */
final class ConsoleFollowers implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleFollowers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int limit;
    /** A stream that has sent nothing for this long gets a comment line, so that no idle timeout on the way closes it. */
    private final long keepAliveNanos;
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    /** The places taken: clients followed, and those about to be. */
    private final AtomicInteger places = new AtomicInteger();
    private final ScheduledExecutorService timer;

    ConsoleFollowers(int limit, Duration interval, Duration keepAlive) {
        this.limit = limit;
        this.keepAliveNanos = keepAlive.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kompira-server-console");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One client and how much of the console it has been sent. Used on the timer thread only. */
    private static final class Follower {
        final JobflowProcess process;
        final SseClient client;
        int sent;
        long lastSent = System.nanoTime();

        Follower(JobflowProcess process, SseClient client) {
            this.process = process;
            this.client = client;
        }
    }

    /**
     * Takes a place for one more client, or returns false when {@code limit} clients follow already.
     * The place is given back when the stream that {@link #follow} gets for it ends.
     */
    boolean reserve() {
        if (places.incrementAndGet() > limit) {
            places.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Sends {@code client}, which has a place of {@link #reserve}, the console of {@code process} so
     * far and then as it grows, until the process ends.
     */
    void follow(JobflowProcess process, SseClient client) {
        Follower f = new Follower(process, client);
        followers.add(f);
        client.keepAlive();
        client.onClose(() -> forget(f));
        timer.execute(() -> advance(f));
        process.completion().whenComplete((outcome, failure) -> execute(() -> advance(f)));
    }

    private void execute(Runnable work) {
        if (!timer.isShutdown()) {
            try {
                timer.execute(work);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the server is closing and closes every stream itself
            }
        }
    }

    /** Stops following {@code f} and gives its place back, once however often it is called. */
    private void forget(Follower f) {
        if (followers.remove(f)) {
            places.decrementAndGet();
        }
    }

    private void tick() {
        followers.forEach(this::advance);
    }

    /** Sends what is new; ends the stream once the process has ended. On the timer thread. */
    private void advance(Follower f) {
        if (!followers.contains(f)) {
            return;
        }
        try {
            if (f.client.terminated()) {
                forget(f);
                return;
            }
            // the state first: once it says ended, the console read after it is complete
            boolean ended = f.process.state().isFinished();
            String console = f.process.console();
            if (console.length() > f.sent) {
                f.client.sendEvent("console", JSON.writeValueAsString(console.substring(f.sent)));
                f.sent = console.length();
                f.lastSent = System.nanoTime();
            } else if (!ended && System.nanoTime() - f.lastSent >= keepAliveNanos) {
                f.client.sendComment("waiting");
                f.lastSent = System.nanoTime();
            }
            if (ended) {
                ProcessOutcome outcome = f.process.completion().getNow(null);
                if (outcome == null) {
                    // ended an instant ago: its outcome comes next, and with it a look at once
                    return;
                }
                ObjectNode end = JSON.createObjectNode().put("pid", f.process.pid()).put("state", outcome.state().name())
                        .put("exit_status", outcome.exitStatus());
                f.client.sendEvent("end", JSON.writeValueAsString(end));
                forget(f);
                f.client.close();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("a console follower of process {} went away: {}", f.process.pid(), e.toString());
            forget(f);
            f.client.close();
        }
    }

    /** Stops the timer and closes every stream. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        followers.forEach(f -> f.client.close());
        followers.clear();
    }
}
