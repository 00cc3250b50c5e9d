package dev.kompira.core.vm;

import dev.kompira.core.event.Waitable;
import dev.kompira.core.process.ProcessOutcome;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of a process as others see it (language.md §12, objects.md §5.1): its parent and
 * children, whether it detached, its modes, when it started and ended, how it ended, and who waits
 * for its end. Thread-safe: other processes and the API read it while the process runs.
 */
final class ProcessRecord {

    private static final VarHandle CURRENT_LINE;

    static {
        try {
            CURRENT_LINE = MethodHandles.lookup().findVarHandle(ProcessRecord.class, "currentLine", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // the lists are made when first needed: most processes have no children and nobody waiting
    private List<Machine> children = List.of();
    private List<Runnable> endListeners = List.of();
    private volatile Machine parent;
    private Join join;
    private boolean detached;
    private boolean ended;
    private ProcessValue value;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile ProcessOutcome outcome;
    volatile int currentLine; // written through startingLine
    volatile boolean stepMode;
    volatile boolean checkpointMode;
    volatile String monitoringMode = "NOTHING";
    /** The id of the Schedule object that started the process (objects.md §5.1), 0 for none. */
    volatile long schedule;
    /** The jobflow of a process restored as a finished record, which has no invocation. */
    volatile String jobflow;

    /**
     * Records the line of the job that starts now. A release store rather than a volatile one: it
     * runs before every job, and on x86 a volatile store is a full fence; readers on other threads
     * (process views, {@code $PROCESS.current_line}) see the line as soon as the store is visible.
     */
    void startingLine(int line) {
        CURRENT_LINE.setRelease(this, line);
    }

    /** Makes this the record of a child of {@code parent}, counted by {@code parentJoin}, with the parent's modes. */
    void childOf(Machine parent, ProcessRecord parentRecord, Join parentJoin) {
        this.parent = parent;
        this.join = parentJoin;
        this.stepMode = parentRecord.stepMode;
        this.checkpointMode = parentRecord.checkpointMode;
        this.monitoringMode = parentRecord.monitoringMode;
        parentJoin.add();
    }

    /** Makes this the record of a child of {@code parent} that has ended: it has a parent but is not counted. */
    void parentOnly(Machine parent) {
        this.parent = parent;
    }

    void adopt(Machine child) {
        synchronized (this) {
            if (children.isEmpty()) {
                children = new ArrayList<>();
            }
            children.add(child);
        }
    }

    List<Machine> children() {
        synchronized (this) {
            return List.copyOf(children);
        }
    }

    Machine parent() {
        return parent;
    }

    boolean isDetached() {
        synchronized (this) {
            return detached;
        }
    }

    /** {@code detach()}: returns the parent's count to leave, or Java null when there is no parent any more. */
    Join detach() {
        synchronized (this) {
            if (parent == null || detached) {
                return null;
            }
            detached = true;
            parent = null;
            return join;
        }
    }

    /** Returns the Process value of {@code process}, made once. */
    ProcessValue value(Machine process) {
        synchronized (this) {
            if (value == null) {
                value = new ProcessValue(process);
            }
            return value;
        }
    }

    void started(Instant at) {
        startedAt = at;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    ProcessOutcome outcome() {
        return outcome;
    }

    /** Calls {@code listener} when the process ends (at once if it has); returns the handle that removes it. */
    Waitable.Registration onEnd(Runnable listener) {
        synchronized (this) {
            if (!ended) {
                if (endListeners.isEmpty()) {
                    endListeners = new ArrayList<>();
                }
                endListeners.add(listener);
                return () -> {
                    synchronized (this) {
                        if (!endListeners.isEmpty()) {
                            endListeners.remove(listener);
                        }
                    }
                };
            }
        }
        listener.run();
        return () -> { };
    }

    /**
     * Records the end: tells the listeners and the parent's count (unless detached). Called once, by
     * the process's own carrier thread.
     */
    void end(ProcessOutcome how, Instant at) {
        List<Runnable> listeners;
        Join parentJoin;
        synchronized (this) {
            ended = true;
            outcome = how;
            finishedAt = at;
            listeners = endListeners;
            endListeners = List.of();
            parentJoin = detached ? null : join;
        }
        listeners.forEach(Runnable::run);
        if (parentJoin != null) {
            parentJoin.leave();
        }
    }
}
