package dev.kompira.core.vm;

import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Matching;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.source.Span;

/**
 * A {@code case} block (language.md §9.2): runs the body of the first clause one of whose patterns
 * matches the subject (by default {@code $RESULT}), else the {@code else} body; when nothing matches
 * and there is no {@code else}, the block fails with status 1.
 *
 * @param span      where the block is written
 * @param subject   the value matched
 * @param patterns  each clause's patterns
 * @param bodies    each clause's body
 * @param otherwise the {@code else} body, or Java null
 */
record CaseJob(Span span, Eval subject, Eval[][] patterns, CompiledProgram.FlowCode[] bodies,
        CompiledProgram.FlowCode otherwise) implements JobCode {

    @Override
    public void exec(Machine m, FlowFrame f) {
        Value value = subject.eval(f.scope, m);
        for (int c = 0; c < patterns.length; c++) {
            for (Eval p : patterns[c]) {
                if (Matching.caseMatches(p.eval(f.scope, m), value)) {
                    m.push(new FlowFrame(bodies[c], f.invocation, f.scope));
                    return;
                }
            }
        }
        if (otherwise != null) {
            m.push(new FlowFrame(otherwise, f.invocation, f.scope));
        } else {
            f.invocation.status = IntegerValue.ONE;
        }
    }
}
