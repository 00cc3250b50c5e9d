package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.process.RuntimeFailure;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.BuiltinJob;
import dev.kompira.dsl.check.Builtins;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Built-in jobs written {@code name(args)} (language.md §8.6, builtins.md §2): the local jobs that
 * change control flow or the console, and built-in functions used as jobs. A failing built-in is a
 * failed job ({@code $STATUS = 1}, D81), except {@code abort}, {@code assert}, {@code exit},
 * {@code return} and {@code self}, which change the control flow.
 */
final class BuiltinJobs {

    private static final Signature PRINT = Signature.parse("print(*values, delim=' ')");
    private static final Signature SLEEP = Signature.parse("sleep(timeout)");
    private static final Signature EXIT = Signature.parse("exit(status=0, result='', error='')");
    private static final Signature RETURN = Signature.parse("return(result='', status=0, error='')");
    private static final Signature ABORT = Signature.parse("abort(message=null)");
    private static final Signature ASSERT = Signature.parse("assert(value, message=null)");
    private static final Signature NO_ARGUMENTS_SELF = Signature.parse("self()");
    private static final Signature DETACH = Signature.parse("detach()");
    private static final Signature SUSPEND = Signature.parse("suspend()");

    private BuiltinJobs() {
    }

    static JobCode compile(BuiltinJob job, ExprCompiler.ArgumentsCode arguments, Lexical lexical) {
        String name = job.name();
        // put, get, reboot, upload, download and urlopen read the control variables in scope where the job is written, as commands do
        Slot[] controls = readsControls(name)
                ? ControlVariables.NAMES.stream().map(lexical::resolve).toArray(Slot[]::new) : null;
        Action action = controls == null ? action(name) : null;
        return new SimpleJob(job.span(), false, (m, f) -> {
            Arguments args = arguments.eval(f.scope, m);
            try {
                if (controls == null) {
                    action.run(m, f.invocation, args);
                } else if (name.equals("urlopen")) {
                    UrlopenJob.run(m, f, args, controls);
                } else if (name.equals("reboot")) {
                    RebootJob.run(m, f, args, controls);
                } else if (TransferJobs.isTransfer(name)) {
                    TransferJobs.run(m, f, name, args, controls);
                } else {
                    FileTransferJobs.run(m, f, name, args, controls);
                }
            } catch (JobflowError e) {
                if (isControlFlow(name) && e.code() != ErrorCode.R_ARGUMENT && e.code() != ErrorCode.R_CALL_FAILED) {
                    throw e;
                }
                failed(m, f.invocation, name, e);
            }
        });
    }

    private static boolean readsControls(String name) {
        return name.equals("reboot") || name.equals("urlopen") || TransferJobs.isTransfer(name) || FileTransferJobs.isFileTransfer(name);
    }

    private static boolean isControlFlow(String name) {
        return name.equals("abort") || name.equals("assert");
    }

    /** A built-in that failed: {@code $STATUS = 1}, the message in {@code $ERROR} (D81, D111). */
    private static void failed(Machine m, Invocation inv, String name, JobflowError e) {
        if (name.equals("print")) {
            m.console(e.getMessage());
        }
        inv.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(e.getMessage()));
    }

    /** What a built-in job does with its arguments. */
    @FunctionalInterface
    private interface Action {
        void run(Machine m, Invocation inv, Arguments args);
    }

    private static Action action(String name) {
        switch (name) {
            case "print":
                return BuiltinJobs::print;
            case "sleep":
                return BuiltinJobs::sleep;
            case "exit":
                return (m, inv, args) -> {
                    Signature.Bound b = EXIT.bind(args);
                    m.exitProcess(status(b), b.get("result"), b.get("error"));
                };
            case "return":
                return (m, inv, args) -> {
                    Signature.Bound b = RETURN.bind(args);
                    m.returnFromInvocation(b.get("result"), status(b), b.get("error"));
                };
            case "abort":
                return BuiltinJobs::abort;
            case "assert":
                return BuiltinJobs::assertion;
            case "self":
                return (m, inv, args) -> {
                    NO_ARGUMENTS_SELF.bind(args);
                    m.restartInvocation();
                };
            case "detach":
                return (m, inv, args) -> {
                    DETACH.bind(args);
                    m.detach();
                    inv.status = IntegerValue.ZERO;
                };
            case "mailto":
                return MailJobs::mailto;
            case "suspend":
                return (m, inv, args) -> {
                    SUSPEND.bind(args);
                    m.suspendSelf();
                    inv.status = IntegerValue.ZERO;
                };
            default:
                return Builtins.isFunction(name) ? function(name) : unavailable(name);
        }
    }

    private static Value status(Signature.Bound b) {
        Value status = b.get("status");
        if (!(status instanceof IntegerValue)) {
            throw b.fail("status must be an Integer");
        }
        return status;
    }

    private static void print(Machine m, Invocation inv, Arguments args) {
        Signature.Bound b = PRINT.bind(args);
        String delim = Rendering.text(b.get("delim"));
        List<String> parts = new ArrayList<>();
        for (Value v : b.rest()) {
            parts.add(Rendering.text(v));
        }
        m.console(String.join(delim, parts));
        inv.status = IntegerValue.ZERO;
    }

    private static void sleep(Machine m, Invocation inv, Arguments args) {
        Signature.Bound b = SLEEP.bind(args);
        Value t = b.get("timeout");
        Duration delay;
        if (t instanceof IntegerValue i) {
            delay = Duration.ofNanos((long) (i.doubleValue() * 1e9));
        } else if (t instanceof FloatValue fl) {
            delay = Duration.ofNanos((long) (fl.value() * 1e9));
        } else if (t instanceof DatetimeValue d) {
            delay = Duration.between(Instant.now(m.clock()), d.value().toInstant());
        } else {
            throw b.fail("timeout must be a number or a Datetime");
        }
        inv.status = IntegerValue.ZERO;
        if (!delay.isNegative() && !delay.isZero()) {
            m.sleep(delay, () -> { });
        }
    }

    private static void abort(Machine m, Invocation inv, Arguments args) {
        Value message = ABORT.bind(args).get("message");
        String text = message == NullValue.NULL ? "aborted" : Rendering.text(message);
        if (message != NullValue.NULL) {
            m.console(text);
        }
        m.terminate(Termination.of(RuntimeFailure.Kind.ABORT, "aborted", text, m.currentSpan()));
    }

    private static void assertion(Machine m, Invocation inv, Arguments args) {
        Signature.Bound b = ASSERT.bind(args);
        if (b.get("value").truthy()) {
            inv.status = IntegerValue.ZERO;
            return;
        }
        Value message = b.get("message");
        String error = "assertion failed";
        if (message != NullValue.NULL) {
            m.console(Rendering.text(message));
            error += ": " + Rendering.text(message);
        }
        m.terminate(Termination.of(RuntimeFailure.Kind.ASSERTION, "assertion failed", error, m.currentSpan()));
    }

    /** A built-in function used as a job: result-producing (language.md §8.6). */
    private static Action function(String name) {
        return (m, inv, args) -> {
            Value result = m.callBuiltinFunction(name, args);
            inv.setOutcome(result, IntegerValue.ZERO, StringValue.EMPTY);
        };
    }

    /** Built-ins that need user accounts, which this engine does not provide yet. */
    private static Action unavailable(String name) {
        return (m, inv, args) -> {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, name + ": not available in this engine yet");
        };
    }
}
