package dev.kompira.core.vm;

import dev.kompira.core.http.UrlopenException;
import dev.kompira.core.http.UrlopenExchange;
import dev.kompira.core.http.UrlopenRequest;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local built-in job {@code urlopen} (builtins.md §2, §5.1, §5.2, D115): the process parks
 * while the engine's HTTP client works and holds no thread. {@code $RESULT} is the result
 * Dictionary; any failure is {@code $STATUS = 1} with {@code $ERROR = 'urlopen: <detail>'}.
 * {@code __timeout__} (J150) and terminating the process cancel the request; relative paths in
 * {@code files} start from {@code __dir__} as for {@code upload} (D139).
 */
final class UrlopenJob {

    private static final Logger LOG = LoggerFactory.getLogger(UrlopenJob.class);

    private UrlopenJob() {
    }

    /** Starts {@code urlopen(args)} with the control variables in scope where the job is written. */
    static void run(Machine m, FlowFrame f, Arguments args, Slot[] controls) {
        Map<String, Value> vars = Commands.values(m, f, controls);
        Invocation inv = f.invocation;
        UrlopenExchange exchange;
        try {
            UrlopenRequest request = UrlopenRequest.of(UrlopenRequest.SIGNATURE.bind(args), Commands.text(vars, "__dir__"));
            exchange = UrlopenExchange.start(m.services().http(), request, m.timer());
        } catch (UrlopenException e) {
            fail(inv, e.getMessage());
            return;
        }
        Value timeout = vars.get("__timeout__");
        AtomicBoolean timedOut = new AtomicBoolean();
        Runnable stopAlarm = alarm(m, exchange, Commands.timeout(timeout), timedOut);
        m.parkUntilWoken(exchange::cancel);
        exchange.result().whenComplete((result, failure) -> {
            stopAlarm.run();
            m.wakeWith(() -> complete(inv, result, failure, timedOut.get() ? timeout : null));
        });
    }

    /** Cancels the exchange when {@code __timeout__} passes; returns what turns the alarm off. */
    private static Runnable alarm(Machine m, UrlopenExchange exchange, Duration timeout, AtomicBoolean fired) {
        if (timeout == null) {
            return () -> { };
        }
        ScheduledFuture<?> alarm = m.timer().schedule(() -> {
            fired.set(true);
            exchange.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return () -> alarm.cancel(false);
    }

    private static void complete(Invocation inv, DictionaryValue result, Throwable failure, Value expiredTimeout) {
        if (failure == null) {
            inv.setOutcome(result, IntegerValue.ZERO, StringValue.EMPTY);
        } else if (failure instanceof CancellationException) {
            fail(inv, expiredTimeout != null ? "timed out after " + Rendering.text(expiredTimeout) + " seconds (__timeout__)" : "cancelled");
        } else if (failure instanceof UrlopenException) {
            fail(inv, failure.getMessage());
        } else {
            LOG.warn("urlopen failed unexpectedly", failure);
            fail(inv, failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        }
    }

    private static void fail(Invocation inv, String detail) {
        inv.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of("urlopen: " + detail));
    }
}
