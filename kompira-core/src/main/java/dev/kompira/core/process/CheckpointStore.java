package dev.kompira.core.process;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where processes in checkpoint mode keep their state (language.md §12.7, D102): one JSON document
 * per process, replaced as the process runs (after each job with effects, J140) and removed when
 * the process ends. An engine built on a store resumes the processes saved in it. SPI.
 *
 * <p>The contract every implementation keeps (the kompira-core test-jar's
 * {@code CheckpointStoreContract} checks it):
 * <ul>
 *   <li>{@link #save} is atomic and durable: once it returns the new state survives a crash of the
 *       process or of the machine, and a save that fails or is cut short by a crash leaves the
 *       previous state (or none), never a torn one. {@link #remove} is durable too, so that a
 *       finished process is not resumed after a crash.</li>
 *   <li>Pids are exact and positive: saving pid 1 touches neither pid 12 nor pid 10.</li>
 *   <li>{@link #records()} only reads and may run while processes save: it sees each state whole,
 *       the old or the new one. What a crash left half written is never a record.</li>
 *   <li>Implementations are thread-safe: processes of different pids save at the same time. One
 *       pid is saved by one process, one job at a time.</li>
 * </ul>
 * The engine names a record it cannot resume by the record's name and the store's
 * {@code toString()}, which should therefore say where the store is (a folder, a URL).
 */
public interface CheckpointStore {

    /**
     * Saves (replaces) the state of process {@code pid}.
     *
     * @throws IllegalArgumentException when {@code pid} is not positive
     * @throws IOException              when the state cannot be written; the previous one is kept
     */
    void save(long pid, String state) throws IOException;

    /**
     * Removes the state of process {@code pid}; does nothing when there is none.
     *
     * @throws IllegalArgumentException when {@code pid} is not positive
     */
    void remove(long pid) throws IOException;

    /**
     * Returns every saved process in pid order, those the store cannot read back included (with
     * their problem), so that a caller can report them and go on with the rest. Changes nothing.
     */
    List<CheckpointRecord> records() throws IOException;

    /**
     * Removes what saves that a crash cut short left behind (temporary files); the engine calls it
     * before it resumes the saved processes. {@link #records()} never does, so that it can run while
     * another engine saves. Does nothing by default.
     */
    default void discardInterrupted() throws IOException {
        // a store whose saves leave nothing behind has nothing to discard
    }

    /**
     * Returns every saved state by pid, for the engine that owns the store and resumes its
     * processes: it first discards what interrupted saves left behind ({@link #discardInterrupted}),
     * so that only that engine should call it.
     *
     * @throws IOException when a saved process cannot be read (naming it); {@link #records()}
     *                     reports such records without failing
     */
    default Map<Long, String> load() throws IOException {
        discardInterrupted();
        Map<Long, String> states = new TreeMap<>();
        for (CheckpointRecord record : records()) {
            if (!record.isReadable()) {
                throw new IOException(record.name() + ": " + record.problem());
            }
            states.put(record.pid(), record.text());
        }
        return states;
    }
}
