package dev.kompira.core.vm;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The multiplicity locks of jobflows (language.md §12.9, objects.md §4.4): at most N invocations
 * of a jobflow with {@code multiplicity} N &gt; 0 are active at once across all processes. A slot
 * is re-entrant for the process that holds it; waiters are served first come, first served; a
 * process's slots are released when its invocations end or the process ends. Thread-safe.
 */
public final class Multiplicity {

    private final Map<Long, Lock> locks = new HashMap<>();

    /** One jobflow's slots. */
    private static final class Lock {
        final Map<Machine, Integer> holders = new HashMap<>();
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
        int limit;
    }

    /** A process waiting for a slot, and what it does once it has one. */
    private record Waiter(Machine process, Runnable onGranted) {
    }

    /**
     * Takes a slot of jobflow {@code jobflowId} for {@code process} (re-entrantly), or queues it and
     * returns false: when a slot frees, the process is woken with it held and runs {@code onGranted}.
     */
    synchronized boolean acquire(long jobflowId, int limit, Machine process, Runnable onGranted) {
        Lock lock = locks.computeIfAbsent(jobflowId, id -> new Lock());
        lock.limit = limit;
        Integer held = lock.holders.get(process);
        if (held != null) {
            lock.holders.put(process, held + 1);
            return true;
        }
        if (lock.holders.size() < limit) {
            lock.holders.put(process, 1);
            return true;
        }
        lock.waiting.add(new Waiter(process, onGranted));
        return false;
    }

    /**
     * Gives {@code process} back a slot of jobflow {@code jobflowId} that it held when it was saved,
     * even beyond the limit: it was granted before the engine stopped.
     */
    synchronized void restoreHold(long jobflowId, int limit, Machine process) {
        Lock lock = locks.computeIfAbsent(jobflowId, id -> new Lock());
        lock.limit = limit;
        lock.holders.merge(process, 1, Integer::sum);
    }

    /** Gives back one hold of {@code process} on jobflow {@code jobflowId}; the slot frees with the last one. */
    void release(long jobflowId, Machine process) {
        Waiter next;
        synchronized (this) {
            Lock lock = locks.get(jobflowId);
            Integer held = lock == null ? null : lock.holders.get(process);
            if (held == null) {
                return;
            }
            if (held > 1) {
                lock.holders.put(process, held - 1);
                return;
            }
            lock.holders.remove(process);
            next = grant(lock);
        }
        if (next != null) {
            next.process().wakeWith(next.onGranted());
        }
    }

    /** Releases every slot {@code process} holds and its place in every queue (it has ended). */
    void releaseAll(Machine process) {
        java.util.List<Waiter> woken = new java.util.ArrayList<>();
        synchronized (this) {
            for (Lock lock : locks.values()) {
                lock.waiting.removeIf(w -> w.process() == process);
                if (lock.holders.remove(process) != null) {
                    Waiter next = grant(lock);
                    if (next != null) {
                        woken.add(next);
                    }
                }
            }
        }
        woken.forEach(w -> w.process().wakeWith(w.onGranted()));
    }

    /** Hands a freed slot to the longest waiter; returns it, or Java null. */
    private static Waiter grant(Lock lock) {
        if (lock.holders.size() >= lock.limit) {
            return null;
        }
        Waiter next = lock.waiting.poll();
        if (next != null) {
            lock.holders.put(next.process(), 1);
        }
        return next;
    }
}
