package dev.kompira.core.vm;

import dev.kompira.core.value.Copies;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@code fork} or {@code pfor} child starts with (language.md §6.3, §9.7, §9.8): a deep copy
 * of the variables visible where it was forked and of the status variables, and for a pfor child its
 * loop value in a block scope of its own. Kept, so that {@code self()} in the child starts it again
 * from a fresh copy (D110). Immutable after construction.
 */
final class ChildStart {

    private final CompiledProgram.FlowCode body;
    private final List<Scope> chain = new ArrayList<>();
    private final Value[] status;
    private final Value loopValue;
    private final CompiledProgram flow;

    ChildStart(CompiledProgram.FlowCode body, Scope scope, Invocation from, Value loopValue) {
        this.body = body;
        this.flow = from.flow;
        Copies.Copier copier = new Copies.Copier();
        for (Scope s = scope; s != null; s = s.parent) {
            chain.add(copyScope(s, copier));
        }
        this.status = new Value[] {copier.copy(from.result), from.status, copier.copy(from.error),
                copier.copy(from.debug), copier.copy(from.env)};
        this.loopValue = copier.copy(loopValue);
    }

    /** Builds the child's invocation from a fresh copy, with the frame that runs the body. */
    Invocation invocation() {
        Copies.Copier copier = new Copies.Copier();
        Scope inner = null;
        Scope root = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Scope copy = new Scope(chain.get(i).slots.length, inner);
            for (int j = 0; j < copy.slots.length; j++) {
                copy.slots[j] = copier.copy(chain.get(i).slots[j]);
            }
            if (root == null) {
                root = copy;
            }
            inner = copy;
        }
        if (loopValue != null) {
            inner = new Scope(1, inner);
            inner.slots[0] = copier.copy(loopValue);
        }
        Invocation inv = new Invocation(flow, null, Span.NONE, (DictionaryValue) copier.copy(status[4]));
        inv.scope = root;
        inv.setOutcome(copier.copy(status[0]), status[1], copier.copy(status[2]));
        inv.debug = copier.copy(status[3]);
        inv.startValues = Map.of();
        inv.rootFrame = new FlowFrame(body, inv, inner);
        return inv;
    }

    private static Scope copyScope(Scope s, Copies.Copier copier) {
        Scope copy = new Scope(s.slots.length, null);
        for (int i = 0; i < copy.slots.length; i++) {
            copy.slots[i] = copier.copy(s.slots[i]);
        }
        return copy;
    }
}
