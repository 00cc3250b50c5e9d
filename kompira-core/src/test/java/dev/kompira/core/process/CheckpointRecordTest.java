package dev.kompira.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointRecordTest {

    private static final Instant SAVED = Instant.parse("2024-04-01T09:00:00Z");

    @Test
    void aRecordHasEitherItsTextOrAProblem() {
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
                () -> new CheckpointRecord(1, "process-1.json", SAVED, null, null));
        assertEquals("a checkpoint record has either its text or a problem: process-1.json", neither.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CheckpointRecord(1, "process-1.json", SAVED, "{}", "not UTF-8 text"));
        assertThrows(NullPointerException.class, () -> CheckpointRecord.readable(1, "process-1.json", SAVED, null));
        assertEquals(new CheckpointRecord(2, "process-2.json", SAVED, null, "not UTF-8 text"),
                CheckpointRecord.unreadable(2, "process-2.json", SAVED, "not UTF-8 text"));
    }
}
