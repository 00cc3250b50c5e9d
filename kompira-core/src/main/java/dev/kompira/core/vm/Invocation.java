package dev.kompira.core.vm;

import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.source.Span;
import java.util.Map;

/**
 * One jobflow invocation (language.md §6.1, §6.4, §11): its jobflow scope, its status variables,
 * the arguments it was started with (for {@code self()}, D109) and where it was called from (for
 * the run-time call stack of D107). Status variables live here and nowhere else.
 *
 * <p>Not thread-safe: an invocation belongs to one process.
 */
final class Invocation {

    final CompiledProgram flow;
    final Invocation caller;
    final Span callSite;
    Scope scope;
    Map<String, Value> startValues;
    Value result = StringValue.EMPTY;
    Value status = IntegerValue.ZERO;
    Value error = StringValue.EMPTY;
    Value debug = StringValue.EMPTY;
    DictionaryValue env;
    /** The frame whose end ends the invocation: its {@link ParameterFrame}, then its jobflow expression. */
    Frame rootFrame;
    /** The Jobflow object whose multiplicity slot this invocation holds, or 0. */
    long lockId;

    Invocation(CompiledProgram flow, Invocation caller, Span callSite, DictionaryValue env) {
        this.flow = flow;
        this.caller = caller;
        this.callSite = callSite;
        this.env = env;
        this.scope = new Scope(flow.jobflowSlotCount(), null);
    }

    /** Sets all three result-producing status variables. */
    void setOutcome(Value newResult, Value newStatus, Value newError) {
        result = newResult;
        status = newStatus;
        error = newError;
    }

    /** Resets the status variables to their initial values (start of an invocation, {@code self()}). */
    void resetStatus() {
        result = StringValue.EMPTY;
        status = IntegerValue.ZERO;
        error = StringValue.EMPTY;
        debug = StringValue.EMPTY;
    }

    /** Returns the sign of {@code $STATUS}, which decides the class of a failure (D91). */
    int statusSign() {
        return status instanceof IntegerValue i ? i.signum() : 1;
    }
}
