package dev.kompira.core.vm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A parent's wait for its fork/pfor children (language.md §9.7): counts the children that have
 * neither ended nor detached, and wakes the parent exactly once when the count reaches zero after
 * the parent has started waiting. Thread-safe: children end on any carrier thread.
 */
final class Join {

    private final Machine parent;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile boolean armed;

    Join(Machine parent) {
        this.parent = parent;
    }

    /** A child joined the count. */
    void add() {
        pending.incrementAndGet();
    }

    /** A counted child ended or detached. */
    void leave() {
        if (pending.decrementAndGet() == 0 && armed && fired.compareAndSet(false, true)) {
            parent.wakeWith(() -> { });
        }
    }

    /**
     * The parent starts waiting: returns true when every child is already done (the parent goes
     * on), false when the parent must park until the last one leaves.
     */
    boolean arm() {
        armed = true;
        return pending.get() == 0 && fired.compareAndSet(false, true);
    }
}
