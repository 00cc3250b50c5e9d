package dev.kompira.python;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded pool of {@link PythonWorker}s: at most {@code size} worker processes, each served by one
 * pool thread while it answers a request, so that concurrent calls (from {@code pfor}) run in parallel
 * and further ones wait in a queue, holding no thread. Workers start when first needed and stay up
 * for the next calls; a worker whose call is cancelled is killed and replaced by the next request.
 *
 * <p>Thread-safe.
 */
final class WorkerPool implements AutoCloseable {

    /** One exchange with a worker. */
    @FunctionalInterface
    interface Job {
        /** Talks to {@code worker} (see {@link PythonWorker#exchange}). */
        JsonNode run(PythonWorker worker) throws IOException;
    }

    private final AtomicReference<List<String>> command;
    private final List<PythonWorker> all = new ArrayList<>();
    private final BlockingQueue<PythonWorker> idle;
    private final ExecutorService threads;

    WorkerPool(List<String> command, int size) {
        this.command = new AtomicReference<>(List.copyOf(command));
        this.idle = new LinkedBlockingQueue<>();
        for (int i = 1; i <= size; i++) {
            PythonWorker worker = new PythonWorker(this.command::get, this::useExecutable, "kompira-python-" + i);
            all.add(worker);
            idle.add(worker);
        }
        AtomicInteger n = new AtomicInteger();
        // as many threads as workers: a task always finds an idle worker; more tasks wait in the queue
        this.threads = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "kompira-python-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) threads).allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code job} on the next free worker. Cancelling the returned future before the job starts
     * drops it; while it runs, kills the worker's process, which ends the job.
     */
    CompletableFuture<JsonNode> submit(Job job) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        threads.execute(() -> {
            if (result.isDone()) {
                return;
            }
            PythonWorker worker = idle.poll();
            long ticket = worker.begin();
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    worker.cancel(ticket);
                }
            });
            try {
                result.complete(job.run(worker));
            } catch (IOException | RuntimeException e) {
                if (!result.isDone()) {
                    result.completeExceptionally(new PythonFailure(e instanceof IOException io ? worker.failure(io)
                            : "the Python worker sent a reply that cannot be read: " + e.getMessage()));
                }
                worker.discard();
            } finally {
                worker.end();
                idle.add(worker);
            }
        });
        return result;
    }

    /** Starts later workers with the interpreter's own path, once a worker has said it. */
    private void useExecutable(String executable) {
        if (!executable.isEmpty() && Files.isExecutable(Path.of(executable))) {
            command.updateAndGet(c -> {
                List<String> direct = new ArrayList<>(c);
                direct.set(0, executable);
                return List.copyOf(direct);
            });
        }
    }

    /** Returns the Python version of a worker that ran, or null when none has started yet. */
    String version() {
        return all.stream().map(PythonWorker::version).filter(v -> v != null).findFirst().orElse(null);
    }

    /** Ends every worker process and the pool's threads; calls still queued fail. */
    @Override
    public void close() {
        threads.shutdownNow();
        all.forEach(PythonWorker::stop);
    }
}
