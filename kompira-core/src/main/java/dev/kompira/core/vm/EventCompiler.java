package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.event.EventWait;
import dev.kompira.core.event.FaultWatch;
import dev.kompira.core.event.Guard;
import dev.kompira.core.event.Waitable;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.ChoiceBlock;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.GuardMode;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.source.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles event jobs {@code <source ? guard : arguments>} (language.md §8.5) and {@code choice}
 * blocks (§9.6): the sources, guards and arguments are evaluated into {@link EventWait}
 * alternatives, the process parks until one fires, and the outcome becomes the status variables.
 */
final class EventCompiler {

    private EventCompiler() {
    }

    /** An event job, or {@code <>} (always ready), evaluated into an alternative. */
    private record EventCode(Eval source, GuardMode mode, Eval guard, ExprCompiler.ArgumentsCode arguments, Span span) {

        boolean immediate() {
            return source == null;
        }

        EventWait.Alternative evaluate(Machine m, Scope scope) {
            if (immediate()) {
                return new EventWait.Alternative(List.of(), true, Guard.NONE, false, Instant.MIN);
            }
            Value v = source.eval(scope, m);
            Guard g = mode == GuardMode.NONE ? Guard.NONE
                    : new Guard(mode == GuardMode.HEAD ? Guard.Mode.HEAD : Guard.Mode.SCAN, guard.eval(scope, m));
            Arguments args = arguments.eval(scope, m);
            Options options = Options.of(args, m);
            if (waitable(v, options) instanceof Waitable w) {
                return EventWait.Alternative.single(w, g, options.peek(), options.deadline());
            }
            if (v instanceof ArrayValue a && a.items().stream().allMatch(i -> waitable(i, options) instanceof Waitable)) {
                List<Waitable> sources = new ArrayList<>();
                a.items().forEach(i -> sources.add((Waitable) waitable(i, options)));
                return new EventWait.Alternative(sources, true, g, options.peek(), options.deadline());
            }
            throw new JobflowError(ErrorCode.R_EVENT, "cannot wait for an event on " + v.typeName() + " value");
        }
    }

    /**
     * A Channel object waits on its queue (objects.md §4.7), a MailChannel with {@code detect_error} on its
     * queue and its fetch failures (a disabled one fails at once); every other value stays as it is.
     */
    private static Value waitable(Value v, Options options) {
        ChannelValue channel = v instanceof ObjectValue o ? o.channel() : null;
        if (channel == null) {
            return v;
        }
        ObjectValue o = (ObjectValue) v;
        if (options.detectError() && o.isMailChannel()) {
            return FaultWatch.of(channel, o.attribute("disabled").truthy() ? MailChannelPoller.disabled(o) : null);
        }
        return channel;
    }

    /**
     * The arguments of an event job (D79): {@code timeout} (first positional or keyword),
     * {@code peek_mode}, {@code detect_error} (mail channels only).
     */
    private record Options(boolean peek, boolean detectError, Instant deadline) {

        static Options of(Arguments args, Machine m) {
            if (args.positional().size() > 1) {
                throw invalid(Rendering.text(args.positional().get(1)));
            }
            Value timeout = args.positional().isEmpty() ? NullValue.NULL : args.positional().get(0);
            boolean peek = false;
            boolean detectError = false;
            for (Map.Entry<String, Value> kw : args.keywords().entrySet()) {
                switch (kw.getKey()) {
                    case "timeout":
                        if (!args.positional().isEmpty()) {
                            throw invalid("timeout");
                        }
                        timeout = kw.getValue();
                        break;
                    case "peek_mode":
                        peek = kw.getValue().truthy();
                        break;
                    case "detect_error":
                        detectError = kw.getValue().truthy();
                        break;
                    default:
                        throw invalid(kw.getKey());
                }
            }
            return new Options(peek, detectError, deadline(timeout, m));
        }

        private static Instant deadline(Value timeout, Machine m) {
            Instant now = Instant.now(m.clock());
            if (timeout == NullValue.NULL) {
                return null;
            }
            if (timeout instanceof IntegerValue || timeout instanceof FloatValue) {
                double seconds = timeout instanceof IntegerValue i ? i.doubleValue() : ((FloatValue) timeout).value();
                return seconds <= 0 ? now : now.plusNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0));
            }
            if (timeout instanceof DatetimeValue d) {
                return d.value().toInstant();
            }
            throw invalid("timeout");
        }

        private static JobflowError invalid(String name) {
            return new JobflowError(ErrorCode.R_EVENT, "invalid event argument '" + name + "'");
        }
    }

    private static EventCode code(Job job, Lexical lexical) {
        if (job instanceof ImmediateEventJob i) {
            return new EventCode(null, GuardMode.NONE, null, null, i.span());
        }
        EventJob e = (EventJob) job;
        return new EventCode(ExprCompiler.compile(e.source(), lexical), e.guardMode(),
                e.guard() == null ? null : ExprCompiler.compile(e.guard(), lexical),
                ExprCompiler.ArgumentsCode.compile(e.arguments(), lexical), e.span());
    }

    /** Compiles an event job. */
    static JobCode eventJob(EventJob job, Lexical lexical) {
        EventCode code = code(job, lexical);
        return new SimpleJob(job.span(), false, (m, f) -> {
            EventWait.Alternative alternative = code.evaluate(m, f.scope);
            m.awaitEvents(List.of(alternative), outcome -> apply(f.invocation, outcome, false));
        });
    }

    /** Compiles a choice block: the first event flow whose event fires runs on (ties to the topmost, D86). */
    static JobCode choice(ChoiceBlock block, Compiler compiler, Lexical lexical) {
        int n = block.eventFlows().size();
        EventCode[] events = new EventCode[n];
        CompiledProgram.FlowCode[] flows = new CompiledProgram.FlowCode[n];
        for (int i = 0; i < n; i++) {
            Flow flow = block.eventFlows().get(i);
            events[i] = code(flow.first(), lexical);
            flows[i] = compiler.flow(flow, lexical);
        }
        return new ChoiceJob(block.span(), events, flows);
    }

    /**
     * A {@code choice} block (language.md §9.6): waits for the first of its event jobs; the flow of the
     * one that fired goes on after it.
     *
     * @param span   where the block is written
     * @param events the first job of each flow
     * @param flows  each flow, its event job first
     */
    private record ChoiceJob(Span span, EventCode[] events, CompiledProgram.FlowCode[] flows) implements JobCode {

        @Override
        public void exec(Machine m, FlowFrame f) {
            List<EventWait.Alternative> alternatives = new ArrayList<>(events.length);
            for (EventCode e : events) {
                m.beginExpression(e.span());
                alternatives.add(e.evaluate(m, f.scope));
            }
            m.awaitEvents(alternatives, outcome -> {
                int winner = outcome.alternative();
                apply(f.invocation, outcome, events[winner].immediate());
                FlowFrame rest = new FlowFrame(flows[winner], f.invocation, f.scope);
                rest.next = 1;
                rest.awaiting = true;
                m.push(rest);
            });
        }
    }

    /** Sets the status variables from how the wait ended (the results table of §8.5, D80). */
    private static void apply(Invocation inv, EventWait.Outcome outcome, boolean immediate) {
        if (outcome instanceof EventWait.Received r) {
            inv.setOutcome(r.value(), IntegerValue.ZERO, StringValue.EMPTY);
        } else if (immediate) {
            inv.status = IntegerValue.ZERO;
        } else if (outcome instanceof EventWait.TimedOut) {
            inv.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of("timeout"));
        } else {
            EventWait.Failed failed = (EventWait.Failed) outcome;
            if (failed.sessionError()) {
                throw new JobflowError(ErrorCode.R_SESSION, failed.message());
            }
            inv.setOutcome(StringValue.EMPTY, IntegerValue.of(-1), StringValue.of(failed.message()));
        }
    }
}
