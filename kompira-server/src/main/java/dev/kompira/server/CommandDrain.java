package dev.kompira.server;

import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.JobManagerStatus;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.RealmTransportStats;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.ProcessState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets the commands under way finish when a server stops, and starts no new one: the engine's
 * transports are given {@linkplain #wrap wrapped}; {@link #drain} then holds every command (and
 * file transfer) asked for from that moment, which never starts, and waits until those under way
 * have ended or the time is up. Closing the engine next terminates the processes: a process in
 * checkpoint mode was saved before the command it was held at (J140), so that it runs that command
 * after the restart; the others end ABORTED. Thread-safe.
 */
public final class CommandDrain {

    private static final long SETTLE_LOOK_MILLIS = 20;

    private final Object lock = new Object();
    private int running;
    private boolean draining;

    /** Returns {@code transport}, whose commands and transfers this drain counts and holds. */
    public Transport wrap(Transport transport) {
        return new Held(transport);
    }

    /**
     * Returns {@code jobManagers}, whose commands and transfers at job managers this drain counts and
     * holds as it does those of a {@linkplain #wrap(Transport) transport}; its {@link RealmTransport#stats()
     * stats} are the delegate's.
     */
    public RealmTransport wrap(RealmTransport jobManagers) {
        return new HeldRealms(jobManagers);
    }

    /**
     * From now on holds every new command and transfer; waits until those under way have ended and
     * then until no process of {@code engine} runs (each has reached a held command, or waits for an
     * event, or has ended), at most {@code timeout} in all. Returns whether the commands all ended.
     */
    public boolean drain(Duration timeout, Kompira engine) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            draining = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        // a process whose command just ended runs on to its next job: let it print what it prints
        while (System.nanoTime() < deadline && (has(engine, ProcessState.RUNNING) || has(engine, ProcessState.READY))) {
            Thread.sleep(SETTLE_LOOK_MILLIS);
        }
        return true;
    }

    private static boolean has(Kompira engine, ProcessState state) {
        return !engine.processes(ProcessQuery.all().withState(state)).isEmpty();
    }

    /** Returns the number of commands and transfers under way. */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /**
     * Runs {@code work} counted, or, draining, returns a stage that completes only when cancelled.
     * The stage returned completes before the count goes down, so that the process waiting for it is
     * awake (READY) by the time {@link #drain} sees no command under way; cancelling it cancels the work.
     */
    private <T> CompletionStage<T> admit(Supplier<CompletionStage<T>> work) {
        synchronized (lock) {
            if (draining) {
                return new CompletableFuture<>();
            }
            running++;
        }
        CompletionStage<T> stage;
        try {
            stage = work.get();
        } catch (RuntimeException e) {
            ended();
            throw e;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        result.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                stage.toCompletableFuture().cancel(true);
            }
        });
        stage.whenComplete((value, failure) -> {
            try {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            } finally {
                ended();
            }
        });
        return result;
    }

    private void ended() {
        synchronized (lock) {
            running--;
            lock.notifyAll();
        }
    }

    /** A transport whose commands and transfers the drain counts and holds. */
    private final class Held extends ForwardingTransport {

        Held(Transport delegate) {
            super(delegate);
        }

        @Override
        public CompletionStage<CommandResult> execute(CommandRequest request) {
            return admit(() -> delegate.execute(request));
        }

        @Override
        public CompletionStage<TransferResult> transfer(TransferRequest request) {
            return admit(() -> delegate.transfer(request));
        }
    }

    /** A transport to job managers whose commands and transfers the drain counts and holds. */
    private final class HeldRealms implements RealmTransport {

        private final RealmTransport delegate;

        HeldRealms(RealmTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletionStage<CommandResult> execute(String realm, CommandRequest request) {
            return admit(() -> delegate.execute(realm, request));
        }

        @Override
        public CompletionStage<TransferResult> transfer(String realm, TransferRequest request) {
            return admit(() -> delegate.transfer(realm, request));
        }

        @Override
        public Optional<RealmTransportStats> stats() {
            return delegate.stats();
        }

        @Override
        public Optional<List<JobManagerStatus>> jobManagers(Duration wait) throws IOException, InterruptedException {
            return delegate.jobManagers(wait);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
