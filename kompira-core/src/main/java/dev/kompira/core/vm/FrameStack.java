package dev.kompira.core.vm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A process's frames (ARCHITECTURE.md §3), the one place where its jobflow-level control state
 * changes: one frame per running jobflow expression and per block with state of its own, the top one
 * running. The Java stack never holds jobflow control flow, so a process can park, be saved and
 * resume.
 *
 * <p>Not thread-safe: touched only by the carrier thread that runs the process.
 */
final class FrameStack {

    private final ArrayDeque<Frame> frames = new ArrayDeque<>();

    void push(Frame frame) {
        frames.push(frame);
    }

    /** Returns the running frame, or Java null when there is none. */
    Frame top() {
        return frames.peek();
    }

    /** Removes the top frame, which must be {@code frame}. */
    void pop(Frame frame) {
        if (frames.peek() != frame) {
            throw new IllegalStateException("popping a frame that is not on top");
        }
        frames.pop();
    }

    int depth() {
        return frames.size();
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /** Removes the top frame, which lets go of what it holds, and returns it. */
    Frame discardTop(Machine machine) {
        Frame f = frames.pop();
        f.discarded(machine);
        return f;
    }

    /** Discards frames from the top while {@code test} holds for the top one. */
    void discardWhile(Predicate<Frame> test, Machine machine) {
        while (!frames.isEmpty() && test.test(frames.peek())) {
            discardTop(machine);
        }
    }

    /** Discards every frame. */
    void discardAll(Machine machine) {
        discardWhile(f -> true, machine);
    }

    /** Drops every frame without telling them (a fresh start of a child for {@code self()}). */
    void clear() {
        frames.clear();
    }

    /** Returns the frames, bottom first (for saving the process). */
    List<Frame> bottomFirst() {
        List<Frame> list = new ArrayList<>(frames);
        Collections.reverse(list);
        return list;
    }
}
