package dev.kompira.core.vm;

import dev.kompira.core.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first frame of every invocation: binds its parameters, evaluating the defaults of those the
 * caller left out, then gives way to the invocation's jobflow expression. Being on the stack while
 * the defaults run is what makes them run in the called flow's own context (D138): relative paths
 * from its directory, its scope, and diagnostics at its own file, line and column with the caller
 * below it in the call stack.
 *
 * <p>The caller has already checked the supplied names and that every parameter without a default
 * has a value ({@link Machine#checkArguments}); only defaults run here. Not thread-safe: a frame
 * belongs to one process.
 */
final class ParameterFrame extends Frame {

    private final Map<String, Value> supplied;

    ParameterFrame(Invocation invocation, Map<String, Value> supplied) {
        super(invocation, invocation.scope);
        this.supplied = supplied;
    }

    @Override
    void step(Machine machine) {
        Map<String, Value> bound = new LinkedHashMap<>();
        for (CompiledProgram.Parameter p : invocation.flow.parameters()) {
            Value v = supplied.get(p.name());
            if (v == null) {
                machine.beginExpression(p.span());
                v = p.defaultValue().eval(scope, machine);
            }
            scope.slots[p.slot()] = v;
            bound.put(p.name(), v);
        }
        invocation.startValues = bound;
        machine.enterFlow(this);
    }
}
