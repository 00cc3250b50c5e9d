package dev.kompira.bench;

import dev.kompira.core.process.CheckpointRecord;
import dev.kompira.core.process.CheckpointStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checkpoint store that keeps the states in memory, so that a benchmark measures what making a
 * checkpoint costs without writing it. Not durable: never use it to survive a crash. Thread-safe.
 */
final class MemoryCheckpoints implements CheckpointStore {

    private final Map<Long, String> states = new ConcurrentHashMap<>();

    @Override
    public void save(long pid, String state) {
        states.put(pid, state);
    }

    @Override
    public void remove(long pid) {
        states.remove(pid);
    }

    @Override
    public List<CheckpointRecord> records() {
        Instant now = Instant.now();
        return states.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> CheckpointRecord.readable(e.getKey(), "process-" + e.getKey(), now, e.getValue())).toList();
    }
}
