package dev.kompira.core.vm;

/**
 * One entry of a process's frame stack (ARCHITECTURE.md §3): a jobflow expression being run, or a
 * block with state of its own (a loop, a try). Frames are plain data plus a step function; the Java
 * stack never holds jobflow-level control flow, so a process can park, be serialized and resume.
 *
 * <p>The protocol: {@link Machine} calls {@link #step} on the top frame. A step either pushes a
 * child frame, parks the process, pops this frame, or changes state and returns. When a child frame
 * pops or a parked job completes, the frame below is stepped again and continues where it was.
 */
abstract class Frame {

    final Invocation invocation;
    final Scope scope;

    Frame(Invocation invocation, Scope scope) {
        this.invocation = invocation;
        this.scope = scope;
    }

    /** Advances this frame; see the class comment. */
    abstract void step(Machine machine);

    /** Returns whether {@code break} stops here (while, for, session). */
    boolean isLoop() {
        return false;
    }

    /** Returns whether {@code continue} stops here; a session only closes when crossed (D82). */
    boolean isContinueTarget() {
        return isLoop();
    }

    /**
     * Called when the frame leaves the stack other than by finishing its own steps (break, continue,
     * return, exit, self(), an abnormal end, termination), so that it can let go of what it holds.
     */
    void discarded(Machine machine) {
        // most frames hold nothing outside the process
    }

    /**
     * Offered an abnormal termination that unwinds through this frame, after the frame was discarded:
     * returns true when the frame absorbs it (a {@code try}), which ends the unwinding.
     */
    boolean catches(Machine machine, Termination termination, String diagnostic) {
        return false;
    }

    /** Ends the current iteration ({@code continue}); only called on loops. */
    void continueLoop() {
        throw new IllegalStateException(getClass().getSimpleName() + " is not a loop");
    }
}
