package dev.kompira.core.vm;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.library.LibraryCall;
import dev.kompira.core.library.LibraryFunction;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls of library functions from jobflows (objects.md §4.6). As a job, {@code [./lib.fn: x]}, the
 * process parks until the result arrives and holds no thread. Inside an expression the carrier
 * thread waits, as a managed blocker of the carrier pool so that other processes go on. Either way
 * {@code __timeout__} and terminating the process cancel the call, and a failure fails the job
 * with {@code $STATUS = 1} and the function's message in {@code $ERROR}.
 */
final class LibraryCalls {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryCalls.class);

    private LibraryCalls() {
    }

    /** Performs {@code [lib.fn: arguments]} as the job of {@code frame}; {@code timeout} is {@code __timeout__}. */
    static void asJob(Machine m, FlowFrame frame, ObjectValue lib, String fn, Arguments arguments, Value timeout) {
        Invocation inv = frame.invocation;
        CompletableFuture<Value> running;
        try {
            running = start(m, lib, fn, arguments);
        } catch (JobflowError cannotCall) {
            fail(inv, cannotCall.getMessage());
            return;
        }
        if (running.isDone()) {
            complete(inv, lib, fn, running, timeout, false);
            return;
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Runnable stopAlarm = alarm(m, running, Commands.timeout(timeout), timedOut);
        m.parkUntilWoken(() -> running.cancel(true));
        running.whenComplete((value, failure) -> {
            stopAlarm.run();
            m.wakeWith(() -> complete(inv, lib, fn, running, timeout, timedOut.get()));
        });
    }

    /** Calls {@code lib.fn(arguments)} inside an expression; a failure is a {@link JobFailure}. */
    static Value inExpression(Machine m, ObjectValue lib, String fn, Arguments arguments, Value timeout) {
        CompletableFuture<Value> running;
        try {
            running = start(m, lib, fn, arguments);
        } catch (JobflowError cannotCall) {
            throw new JobFailure(cannotCall.getMessage());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Runnable stopAlarm = alarm(m, running, Commands.timeout(timeout), timedOut);
        try {
            m.awaitBlocking(running);
        } finally {
            stopAlarm.run();
        }
        Outcome outcome = outcome(lib, fn, running, timeout, timedOut.get());
        if (outcome.error() != null) {
            throw new JobFailure(outcome.error());
        }
        return outcome.value();
    }

    private static CompletableFuture<Value> start(Machine m, ObjectValue lib, String fn, Arguments arguments) {
        LibraryFunction function = lib.libraryFunction(fn);
        return function.start(new LibraryCall(lib.stored().path(), fn, m.pid(), arguments, m::printed));
    }

    /** Cancels {@code running} when {@code timeout} passes (none without one); returns what turns the alarm off. */
    private static Runnable alarm(Machine m, CompletableFuture<Value> running, Duration timeout, AtomicBoolean fired) {
        if (timeout == null) {
            return () -> { };
        }
        ScheduledFuture<?> alarm = m.timer().schedule(() -> {
            fired.set(true);
            running.cancel(true);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return () -> alarm.cancel(false);
    }

    private static void complete(Invocation inv, ObjectValue lib, String fn, CompletableFuture<Value> done, Value timeout,
            boolean timedOut) {
        Outcome outcome = outcome(lib, fn, done, timeout, timedOut);
        if (outcome.error() != null) {
            fail(inv, outcome.error());
        } else {
            inv.setOutcome(outcome.value(), IntegerValue.ZERO, StringValue.EMPTY);
        }
    }

    /** What a finished call gave: its value, or the text of {@code $ERROR}. */
    private record Outcome(Value value, String error) {
    }

    private static Outcome outcome(ObjectValue lib, String fn, CompletableFuture<Value> done, Value timeout, boolean timedOut) {
        try {
            Value value = done.get();
            return new Outcome(value == null ? NullValue.NULL : value, null);
        } catch (CancellationException cancelled) {
            String why = timedOut ? "timed out after " + Rendering.text(timeout) + " seconds" : "cancelled";
            return new Outcome(null, "library function " + lib.text() + "." + fn + " " + why);
        } catch (ExecutionException | CompletionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            LOG.debug("library function {}.{} failed", lib.text(), fn, cause);
            return new Outcome(null, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "library function " + lib.text() + "." + fn + " interrupted");
        }
    }

    private static void fail(Invocation inv, String error) {
        inv.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(error));
    }
}
