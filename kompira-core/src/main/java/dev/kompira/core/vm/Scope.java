package dev.kompira.core.vm;

import dev.kompira.core.value.Value;

/**
 * One level of variables: the jobflow scope of an invocation (the root, no parent) or the scope of
 * a block that binds names (language.md §6.1). Names were resolved by the compiler to a number of
 * levels to climb and a slot, so lookups never hash. A slot holding Java {@code null} is a variable
 * that does not exist (yet).
 *
 * <p>Not thread-safe: a scope belongs to one process.
 */
final class Scope {

    final Value[] slots;
    final Scope parent;

    Scope(int size, Scope parent) {
        this.slots = new Value[size];
        this.parent = parent;
    }

    /** Returns the scope {@code hops} levels out. */
    Scope up(int hops) {
        Scope s = this;
        for (int i = 0; i < hops; i++) {
            s = s.parent;
        }
        return s;
    }

    /** Returns the number of levels from this scope to the jobflow scope. */
    int depth() {
        int d = 0;
        for (Scope s = parent; s != null; s = s.parent) {
            d++;
        }
        return d;
    }
}
