package dev.kompira.core.vm;

import dev.kompira.core.value.IntegerValue;
import dev.kompira.dsl.source.Span;

/**
 * An {@code if} block (language.md §9.1): runs the body of the first branch whose condition is
 * true (a branch without condition tests {@code $RESULT}), else the {@code else} body; with neither,
 * the block succeeds doing nothing.
 *
 * @param span       where the block is written
 * @param conditions the branches' conditions
 * @param bodies     the branches' bodies
 * @param otherwise  the {@code else} body, or Java null
 */
record IfJob(Span span, Eval[] conditions, CompiledProgram.FlowCode[] bodies, CompiledProgram.FlowCode otherwise)
        implements JobCode {

    /** The condition of a branch written without one: the result of the job before the block. */
    static final Eval RESULT = (s, m) -> m.invocation().result;

    @Override
    public void exec(Machine m, FlowFrame f) {
        for (int i = 0; i < conditions.length; i++) {
            if (conditions[i].eval(f.scope, m).truthy()) {
                m.push(new FlowFrame(bodies[i], f.invocation, f.scope));
                return;
            }
        }
        if (otherwise != null) {
            m.push(new FlowFrame(otherwise, f.invocation, f.scope));
        } else {
            f.invocation.status = IntegerValue.ZERO;
        }
    }
}
