package dev.kompira.core.vm;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A process's frames (ARCHITECTURE.md §3), the one place where its jobflow-level control state
 * changes: one frame per running jobflow expression and per block with state of its own, the top one
 * running. The Java stack never holds jobflow control flow, so a process can park, be saved and
 * resume.
 *
 * <p>A plain array rather than a deque: pushing and popping are the interpreter's most frequent
 * operations (twice per loop iteration), and a stack needs no wrap-around.
 *
 * <p>Not thread-safe: touched only by the carrier thread that runs the process.
 */
final class FrameStack {

    private Frame[] frames = new Frame[8];
    private int size;

    void push(Frame frame) {
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, size * 2);
        }
        frames[size++] = frame;
    }

    /** Returns the running frame, or Java null when there is none. */
    Frame top() {
        return size == 0 ? null : frames[size - 1];
    }

    /** Removes the top frame, which must be {@code frame}. */
    void pop(Frame frame) {
        if (top() != frame) {
            throw new IllegalStateException("popping a frame that is not on top");
        }
        frames[--size] = null;
    }

    int depth() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Removes the top frame, which lets go of what it holds, and returns it. */
    Frame discardTop(Machine machine) {
        Frame f = top();
        if (f == null) {
            throw new IllegalStateException("discarding a frame of an empty stack");
        }
        frames[--size] = null;
        f.discarded(machine);
        return f;
    }

    /** Discards frames from the top while {@code test} holds for the top one. */
    void discardWhile(Predicate<Frame> test, Machine machine) {
        while (size > 0 && test.test(frames[size - 1])) {
            discardTop(machine);
        }
    }

    /** Discards every frame. */
    void discardAll(Machine machine) {
        discardWhile(f -> true, machine);
    }

    /** Drops every frame without telling them (a fresh start of a child for {@code self()}). */
    void clear() {
        Arrays.fill(frames, 0, size, null);
        size = 0;
    }

    /** Returns the frames, bottom first (for saving the process). */
    List<Frame> bottomFirst() {
        return List.of(Arrays.copyOf(frames, size));
    }
}
