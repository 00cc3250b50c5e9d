package dev.kompira.core.vm;

import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The engine's processes by pid (objects.md §5.1–§5.2): active ones and the records of finished
 * ones until they are deleted. Also numbers processes and in-memory channels. Thread-safe.
 */
public final class ProcessRegistry {

    private final ConcurrentSkipListMap<Long, Machine> processes = new ConcurrentSkipListMap<>();
    private final AtomicLong nextPid = new AtomicLong(1);
    private final AtomicLong nextChannel = new AtomicLong(1);
    private final Map<Long, ChannelValue> restoredChannels = new ConcurrentHashMap<>();
    /** Told of every process registered, as it is registered (it may not have run yet). */
    private final Consumer<JobflowProcess> onRegister;

    /** A registry that tells nobody of its processes. */
    public ProcessRegistry() {
        this(p -> { });
    }

    /**
     * A registry that tells {@code onRegister} of every process as it is registered: a new one, a
     * child, or one being restored (whose state is filled in after the call). It runs on the thread
     * that registers and must be quick and not throw.
     */
    public ProcessRegistry(Consumer<JobflowProcess> onRegister) {
        this.onRegister = onRegister;
    }

    /** Returns a new process id. */
    public long newPid() {
        return nextPid.getAndIncrement();
    }

    /** Makes sure later pids are above {@code pid} (after restoring saved processes). */
    public void reservePid(long pid) {
        nextPid.accumulateAndGet(pid + 1, Math::max);
    }

    /** Returns the creation number of a new in-memory channel. */
    public long newChannelNumber() {
        return nextChannel.getAndIncrement();
    }

    /** Returns the highest pid given so far (0 when none). */
    long lastPid() {
        return nextPid.get() - 1;
    }

    /** Returns the highest in-memory channel number given so far (0 when none). */
    long lastChannelNumber() {
        return nextChannel.get() - 1;
    }

    /** Makes sure later in-memory channels are numbered above {@code number} (after restoring saved processes). */
    void reserveChannelNumber(long number) {
        nextChannel.accumulateAndGet(number + 1, Math::max);
    }

    /**
     * Returns the in-memory channel numbered {@code number} for processes restored from snapshots:
     * one channel per number, shared by every process restored in this engine, so that processes
     * that shared a channel before still do (D41). Later {@code channel()} numbers are above it.
     */
    ChannelValue restoredChannel(long number) {
        nextChannel.accumulateAndGet(number + 1, Math::max);
        return restoredChannels.computeIfAbsent(number, ChannelValue::numbered);
    }

    void register(Machine m) {
        processes.put(m.pid(), m);
        onRegister.accept(m);
    }

    /** Removes a finished process record. */
    void remove(Machine m) {
        processes.remove(m.pid(), m);
    }

    /** Returns the process {@code pid}, or Java null. */
    public JobflowProcess get(long pid) {
        return processes.get(pid);
    }

    /** Returns this engine's process {@code pid}. */
    Optional<Machine> machine(long pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    /** Returns the processes {@code query} matches, in pid order. */
    public List<JobflowProcess> list(ProcessQuery query) {
        List<JobflowProcess> found = new ArrayList<>();
        for (Machine m : processes.values()) {
            if (query.matches(m)) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * Returns {@code process} as this engine's process.
     *
     * @throws IllegalArgumentException when it is not a process of this engine (another engine's, or
     *                                  deleted)
     */
    public Machine own(JobflowProcess process) {
        Machine m = processes.get(process.pid());
        if (m != process) {
            throw new IllegalArgumentException("process " + process.pid() + " is not a process of this engine");
        }
        return m;
    }

    /** Returns every process that has not ended. */
    public List<Machine> active() {
        List<Machine> active = new ArrayList<>();
        for (Machine m : processes.values()) {
            if (!m.state().isFinished()) {
                active.add(m);
            }
        }
        return active;
    }
}
