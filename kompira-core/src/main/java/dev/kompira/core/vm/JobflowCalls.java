package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.source.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls of Jobflow objects (language.md §8.2.2, §11.3, §12.9): arguments to parameters, the call
 * depth limit, the callee's multiplicity slot, and tail calls giving back the caller's slot.
 * Stateless; every method works on the process it is given, on its carrier thread.
 */
final class JobflowCalls {

    private JobflowCalls() {
    }

    /**
     * Checks {@code supplied} against the parameters of {@code inv} in the caller's context (§11.2,
     * §11.3): an unknown name, or a parameter without value and without default, is {@code R-PARAM}
     * — at the declaration for a process's own parameters, at the call site for a call.
     */
    static void checkArguments(Invocation inv, Map<String, Value> supplied, boolean atDeclarations) {
        for (String name : supplied.keySet()) {
            if (!inv.flow.parameterNames().contains(name)) {
                throw new JobflowError(ErrorCode.R_PARAM, "jobflow " + inv.flow.name() + " has no parameter '" + name + "'");
            }
        }
        for (CompiledProgram.Parameter p : inv.flow.parameters()) {
            if (!supplied.containsKey(p.name()) && p.defaultValue() == null) {
                JobflowError missing = new JobflowError(ErrorCode.R_PARAM,
                        "jobflow " + inv.flow.name() + ": missing value for parameter '" + p.name() + "'");
                throw atDeclarations ? missing.at(p.span()) : missing;
            }
        }
    }

    /** The deepest jobflow call nesting (D95). */
    static final int MAX_CALL_DEPTH = 1000;

    /**
     * Calls {@code flow} from the current invocation (§11.3): positional arguments in declaration
     * order, keywords by name; the callee gets a fresh jobflow scope and status variables, the same
     * {@code $ENV}, and its defaults run in its own context (D138); when it ends, the caller's
     * {@code $RESULT}/{@code $STATUS}/{@code $ERROR} are set (D96). Binding errors are {@code R-PARAM},
     * nesting deeper than 1000 calls {@code R-DEPTH}.
     */
    static void callJobflow(Machine m, CompiledProgram flow, Arguments arguments, Span callSite, long lockId) {
        Invocation caller = m.invocation();
        int depth = 1;
        for (Invocation i = caller; i.caller != null; i = i.caller) {
            depth++;
        }
        if (depth >= MAX_CALL_DEPTH) {
            throw new JobflowError(ErrorCode.R_DEPTH, "jobflow call depth limit (" + MAX_CALL_DEPTH + ") exceeded");
        }
        Invocation callee = new Invocation(flow, caller, callSite, caller.env);
        callee.lockId = lockId;
        Map<String, Value> supplied;
        try {
            supplied = namedArguments(flow, arguments);
            checkArguments(callee, supplied, false);
        } catch (JobflowError e) {
            m.releaseSlot(callee);
            throw e;
        }
        m.pushParameters(callee, supplied);
    }

    private static Map<String, Value> namedArguments(CompiledProgram flow, Arguments arguments) {
        List<String> names = flow.parameterNames();
        if (arguments.positional().size() > names.size()) {
            throw new JobflowError(ErrorCode.R_PARAM, "jobflow " + flow.name() + " takes " + names.size()
                    + " parameters but " + arguments.positional().size() + " were given");
        }
        Map<String, Value> byName = new LinkedHashMap<>();
        for (int i = 0; i < arguments.positional().size(); i++) {
            byName.put(names.get(i), arguments.positional().get(i));
        }
        for (Map.Entry<String, Value> kw : arguments.keywords().entrySet()) {
            if (byName.put(kw.getKey(), kw.getValue()) != null) {
                throw new JobflowError(ErrorCode.R_PARAM, "jobflow " + flow.name() + " got multiple values for parameter '"
                        + kw.getKey() + "'");
            }
        }
        return byName;
    }

    /**
     * Calls the Jobflow object {@code jobflow} (§8.2.2) from the job run by {@code frame}, taking a
     * slot of its multiplicity first (§12.9) — after giving back the caller's slot when the call is
     * the caller's tail call of another jobflow (D103).
     */
    static void callJobflowObject(Machine m, ObjectValue jobflow, Arguments arguments, Span callSite, FlowFrame frame) {
        EngineServices services = m.services();
        StoredObject target = jobflow.stored();
        CompiledProgram flow = services.jobflows().compiled(target);
        Invocation caller = frame.invocation;
        boolean tailCall = frame == caller.rootFrame && frame.next == frame.code.jobs().length;
        if (tailCall && caller.lockId != 0 && caller.lockId != target.id()) {
            services.multiplicity().release(caller.lockId, m);
            caller.lockId = 0;
        }
        if (multiplicityOf(services.tree(), target) == 0) {
            callJobflow(m, flow, arguments, callSite, 0);
            return;
        }
        m.withSlotOf(target, () -> callJobflow(m, flow, arguments, callSite, target.id()));
    }

    /** Returns the multiplicity of a Jobflow or ScriptJob object (§12.9): 0 for none. */
    static int multiplicityOf(ObjectTree tree, StoredObject job) {
        Value limit = tree.readField(job, "multiplicity");
        return limit instanceof IntegerValue i && i.fitsInt() ? (int) Math.max(0, i.longValue()) : 0;
    }
}
