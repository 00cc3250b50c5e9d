package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.event.Guard;
import dev.kompira.core.event.Waitable;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A process as a jobflow value (language.md §4.15, objects.md §5.1): its properties, the update
 * of its writable modes, {@code delete()}, and waiting for its end with an event job. Two values of
 * the same process are equal. Thread-safe: it reads the process through its thread-safe handle.
 */
public final class ProcessValue implements Waitable, Attributed {

    private static final Signature DELETE = Signature.parse("delete()");

    private final Machine process;

    ProcessValue(Machine process) {
        this.process = process;
    }

    /** Returns the engine's process. */
    Machine machine() {
        return process;
    }

    /** Returns the process. */
    public JobflowProcess handle() {
        return process;
    }

    @Override
    public String typeName() {
        return "Process";
    }

    @Override
    public String text() {
        return "/process/id_" + process.pid();
    }

    @Override
    public Value attribute(String name) {
        switch (name) {
            case "pid":
            case "id":
                return IntegerValue.of(process.pid());
            case "abspath":
                return StringValue.of(text());
            case "status":
                // jobflows know a suspended process as WAITING with suspended = true (language.md §12.1)
                ProcessState state = process.state();
                return StringValue.of(state == ProcessState.SUSPENDED ? ProcessState.WAITING.name() : state.name());
            case "suspended":
                return BooleanValue.of(process.isSuspended());
            case "exit_status":
                return process.outcome() == null ? NullValue.NULL : IntegerValue.of(process.outcome().exitStatus());
            case "result":
                return process.outcome() == null ? NullValue.NULL : process.outcome().result();
            case "error":
                return process.outcome() == null ? NullValue.NULL : process.outcome().error();
            case "console":
                return StringValue.of(process.console());
            case "lineno":
                return IntegerValue.of(process.currentLine());
            case "parent":
                return process.parentProcess() == null ? NullValue.NULL : process.parentProcess().value();
            case "children":
                return children();
            case "started_time":
                return time(process.startedTime());
            case "finished_time":
                return time(process.finishedTime().orElse(null));
            case "elapsed_time":
                return elapsed();
            case "step_mode":
                return BooleanValue.of(process.isStepMode());
            case "checkpoint_mode":
                return BooleanValue.of(process.isCheckpointMode());
            case "monitoring_mode":
                return StringValue.of(process.monitoringMode());
            case "job":
            case "current_job":
            case "schedule":
                return process.schedule();
            case "invoker":
            case "user":
                return NullValue.NULL;
            case "delete":
                return new MethodValue(this, name);
            default:
                throw new JobflowError(ErrorCode.R_ATTRIBUTE, "Process value has no attribute '" + name + "'");
        }
    }

    private Value children() {
        List<Value> values = new ArrayList<>();
        for (JobflowProcess child : process.children()) {
            values.add(((Machine) child).value());
        }
        return new ArrayValue(values);
    }

    private Value time(Instant instant) {
        return instant == null ? NullValue.NULL : new DatetimeValue(instant.atZone(process.zone()));
    }

    private Value elapsed() {
        Instant start = process.startedTime();
        if (start == null) {
            return TimedeltaValue.ZERO;
        }
        Instant end = process.finishedTime().orElse(Instant.now(process.clock()));
        return TimedeltaValue.ofMicros(Duration.between(start, end).toNanos() / 1000);
    }

    @Override
    public Value call(String name, Arguments arguments) {
        if (!name.equals("delete")) {
            throw new JobflowError(ErrorCode.R_ATTRIBUTE, "Process value has no method '" + name + "'");
        }
        DELETE.bind(arguments);
        try {
            process.delete();
        } catch (IllegalStateException e) {
            throw new JobflowError(ErrorCode.R_VALUE, e.getMessage());
        }
        return NullValue.NULL;
    }

    @Override
    public void update(String name, Value value) {
        switch (name) {
            case "step_mode":
                process.setStepMode(flag(name, value));
                return;
            case "checkpoint_mode":
                process.setCheckpointMode(flag(name, value));
                return;
            case "monitoring_mode":
                if (!(value instanceof StringValue s) || !StartOptions.MONITORING_MODES.contains(s.value())) {
                    throw new JobflowError(ErrorCode.R_UPDATE,
                            "cannot update monitoring_mode: expected 'NOTHING', 'MAIL' or 'ABORT_MAIL'");
                }
                process.setMonitoringMode(s.value());
                return;
            default:
                Attributed.super.update(name, value);
        }
    }

    private static boolean flag(String name, Value value) {
        if (!(value instanceof BooleanValue b)) {
            throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + name + ": expected a Boolean, got " + value.typeName());
        }
        return b.truthy();
    }

    @Override
    public Value tryReceive(Guard guard, boolean peek) {
        if (!process.state().isFinished()) {
            return null;
        }
        return peek ? ArrayValue.of(IntegerValue.of(process.pid()), this) : this;
    }

    @Override
    public Registration listen(Runnable listener) {
        return process.onEnd(listener);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessValue p && p.process == process;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(process.pid());
    }

    @Override
    public String toString() {
        return text();
    }
}
