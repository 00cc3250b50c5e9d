package dev.kompira.core.process;

import java.time.Instant;
import java.util.Optional;

/**
 * A filter over the engine's processes (objects.md §5.2): every criterion that is set must hold.
 * Build it with the {@code with...} methods: {@code ProcessQuery.all().withState(ProcessState.ABORTED)}.
 *
 * @param state           the state, or null
 * @param parentPid       the parent's pid, or null
 * @param jobflow         the jobflow's name (source name or object path), or null
 * @param startedAfter    started at or after, or null
 * @param startedBefore   started before, or null
 * @param finishedAfter   finished at or after, or null
 * @param finishedBefore  finished before, or null
 */
public record ProcessQuery(ProcessState state, Long parentPid, String jobflow, Instant startedAfter,
        Instant startedBefore, Instant finishedAfter, Instant finishedBefore) {

    /** The query that matches every process. */
    public static ProcessQuery all() {
        return new ProcessQuery(null, null, null, null, null, null, null);
    }

    /** Returns this query restricted to processes in {@code s}. */
    public ProcessQuery withState(ProcessState s) {
        return new ProcessQuery(s, parentPid, jobflow, startedAfter, startedBefore, finishedAfter, finishedBefore);
    }

    /** Returns this query restricted to children of process {@code pid}. */
    public ProcessQuery withParent(long pid) {
        return new ProcessQuery(state, pid, jobflow, startedAfter, startedBefore, finishedAfter, finishedBefore);
    }

    /** Returns this query restricted to processes running jobflow {@code name}. */
    public ProcessQuery withJobflow(String name) {
        return new ProcessQuery(state, parentPid, name, startedAfter, startedBefore, finishedAfter, finishedBefore);
    }

    /** Returns this query restricted to processes started in {@code [from, to)} (either may be null). */
    public ProcessQuery withStarted(Instant from, Instant to) {
        return new ProcessQuery(state, parentPid, jobflow, from, to, finishedAfter, finishedBefore);
    }

    /** Returns this query restricted to processes finished in {@code [from, to)} (either may be null). */
    public ProcessQuery withFinished(Instant from, Instant to) {
        return new ProcessQuery(state, parentPid, jobflow, startedAfter, startedBefore, from, to);
    }

    /** Returns whether {@code p} satisfies every criterion. */
    public boolean matches(JobflowProcess p) {
        return (state == null || p.state() == state)
                && (parentPid == null || p.parent().map(JobflowProcess::pid).orElse(-1L).equals(parentPid))
                && (jobflow == null || jobflow.equals(p.jobflow()))
                && within(Optional.ofNullable(p.startedTime()), startedAfter, startedBefore)
                && within(p.finishedTime(), finishedAfter, finishedBefore);
    }

    private static boolean within(Optional<Instant> time, Instant from, Instant to) {
        if (from == null && to == null) {
            return true;
        }
        return time.isPresent() && (from == null || !time.get().isBefore(from)) && (to == null || time.get().isBefore(to));
    }
}
