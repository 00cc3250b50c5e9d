package dev.kompira.core.process;

import java.io.IOException;
import java.util.Map;

/**
 * Where processes in checkpoint mode keep their state (language.md §12.7, D102): one JSON document
 * per process, replaced after every job and removed when the process ends. An engine built on a
 * store resumes the processes saved in it. Implementations must make {@link #save} atomic and
 * durable (a crash leaves the previous or the new state, never a torn one) and be thread-safe.
 */
public interface CheckpointStore {

    /** Saves (replaces) the state of process {@code pid}. */
    void save(long pid, String state) throws IOException;

    /** Removes the state of process {@code pid}; does nothing when there is none. */
    void remove(long pid) throws IOException;

    /** Returns every saved state by pid. */
    Map<Long, String> load() throws IOException;
}
