package dev.kompira.core.vm;

import java.util.ArrayDeque;

/**
 * The engine's limit on concurrently active processes (language.md §12.10, D105): a process takes a
 * slot when it starts and gives it back when it ends; fork/pfor children and top-level processes
 * beyond the limit wait, in arrival order, for a slot. A limit of 0 means no limit. Thread-safe.
 */
public final class ProcessLimiter {

    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int active;

    /** Creates a limiter for {@code limit} processes (0: unlimited). */
    public ProcessLimiter(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the process limit must be 0 (none) or positive, got " + limit);
        }
        this.limit = limit;
    }

    /**
     * Takes a slot now and returns true, or queues {@code whenFree} — which will own a slot when it
     * runs — and returns false.
     */
    boolean acquireOrWait(Runnable whenFree) {
        synchronized (this) {
            if (limit == 0 || active < limit) {
                active++;
                return true;
            }
            waiting.add(whenFree);
            return false;
        }
    }

    /** Returns how many slots are held: the processes that have started and not ended. */
    public synchronized int held() {
        return active;
    }

    /** Gives a slot back; the longest waiter, if any, gets it. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                active--;
                return;
            }
        }
        next.run();
    }
}
