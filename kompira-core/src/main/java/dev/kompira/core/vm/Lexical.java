package dev.kompira.core.vm;

import java.util.List;
import java.util.Map;

/**
 * The compiler's picture of the scopes around a piece of code: the names bound by each enclosing
 * block, innermost first, ending in the jobflow scope. Mirrors exactly the {@link Scope} chain the
 * VM builds at run time, so a name resolves to a fixed {@link Slot}.
 */
final class Lexical {

    private final List<String> names;
    private final Map<String, Integer> jobflowSlots;
    private final Lexical parent;

    private Lexical(List<String> names, Map<String, Integer> jobflowSlots, Lexical parent) {
        this.names = names;
        this.jobflowSlots = jobflowSlots;
        this.parent = parent;
    }

    /** The jobflow scope, whose names are every parameter, control variable and assigned name. */
    static Lexical jobflow(Map<String, Integer> slots) {
        return new Lexical(null, slots, null);
    }

    /** A block scope binding {@code blockNames} inside this one. */
    Lexical block(List<String> blockNames) {
        return new Lexical(List.copyOf(blockNames), jobflowSlots, this);
    }

    /** Returns the number of slots of this scope. */
    int size() {
        return names == null ? jobflowSlots.size() : names.size();
    }

    /** Returns where {@code name} lives as seen from here, or Java {@code null} when no scope can hold it. */
    Slot resolve(String name) {
        int hops = 0;
        for (Lexical l = this; l != null; l = l.parent, hops++) {
            if (l.names != null) {
                int i = l.names.indexOf(name);
                if (i >= 0) {
                    return new Slot(name, hops, i);
                }
            } else {
                Integer i = l.jobflowSlots.get(name);
                return i == null ? null : new Slot(name, hops, i);
            }
        }
        return null;
    }

    /** Returns whether {@code name} is bound by an enclosing block (not only the jobflow scope). */
    boolean isBlockBound(String name) {
        for (Lexical l = this; l != null && l.names != null; l = l.parent) {
            if (l.names.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
