package dev.kompira.core.vm;

/**
 * How carrier threads pass processes on (ARCHITECTURE.md §3). A process woken by another runs on
 * the waking carrier thread as soon as the current slice ends, without a trip through the pool's
 * queues: a ping-pong between two processes then stays on one thread. The woken process is handed to
 * the pool instead when the waking process goes on for more than a few jobs (so it cannot starve),
 * and after a number of hand-offs in a row (so the pool's other work stays fair).
 *
 * <p>Each carrier thread has one slot for the next process, in a thread-local; nothing else is shared.
 * The running process is given its carrier's slot for the slice, so that the check made before every
 * job is a field read rather than a thread-local lookup.
 */
final class CarrierHandOff {

    private static final ThreadLocal<Slot> NEXT = new ThreadLocal<>();
    private static final int MAX_HAND_OFFS = 64;
    private static final int MAX_JOBS_BEFORE_HAND_OFF = 16;

    /** The carrier thread's slot for the next process. */
    static final class Slot {
        final EngineServices owner;
        Machine next;
        int jobsSinceWake;

        Slot(EngineServices owner) {
            this.owner = owner;
        }
    }

    private CarrierHandOff() {
    }

    /** Makes {@code process} run: next on this carrier thread when it is one of the engine's and free, else on the pool. */
    static void schedule(Machine process, EngineServices services) {
        Slot slot = NEXT.get();
        if (slot != null && slot.owner == services && slot.next == null) {
            slot.next = process;
            slot.jobsSinceWake = 0;
            return;
        }
        services.carriers().execute(() -> drive(process, services));
    }

    /** Called at every job of a slice run on {@code slot}'s carrier: a woken process waits only a few jobs for this thread. */
    static void jobStarting(Slot slot, EngineServices services) {
        if (slot.next != null && ++slot.jobsSinceWake > MAX_JOBS_BEFORE_HAND_OFF) {
            Machine next = slot.next;
            slot.next = null;
            services.carriers().execute(() -> drive(next, services));
        }
    }

    /** A carrier task: runs {@code first}'s slice, then the processes it handed the thread to. */
    static void drive(Machine first, EngineServices services) {
        Slot slot = new Slot(services);
        NEXT.set(slot);
        try {
            Machine next = first;
            for (int handOffs = 0; next != null; handOffs++) {
                next.runSlice(slot);
                next = slot.next;
                slot.next = null;
                if (next != null && handOffs >= MAX_HAND_OFFS) {
                    Machine handed = next;
                    services.carriers().execute(() -> drive(handed, services));
                    next = null;
                }
            }
        } finally {
            NEXT.remove();
        }
    }
}
