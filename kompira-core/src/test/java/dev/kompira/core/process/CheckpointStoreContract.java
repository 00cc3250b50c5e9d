package dev.kompira.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CheckpointStore} for the store that keeps its records as files in a
 * folder, {@link DirectoryCheckpointStore}, wherever that folder is: a folder of its own, or the
 * checkpoint folder of a Git store. Shipped in the kompira-core test-jar: a test extends this class
 * and returns its folder from {@link #folder()}.
 *
 * <p>Crashes and failures are real: a temporary file left as a crash leaves it, a state that UTF-8
 * cannot hold (a lone surrogate) failing after a part of it was written, a record that is a folder.
 */
public abstract class CheckpointStoreContract {

    /** A state of the size of a real snapshot: many buffers long, so that a failing save fails part way. */
    private static final String LARGE = "{\"format\": 2, \"console\": \"" + "0123456789abcdef".repeat(64 * 1024) + "\"}";

    /**
     * Returns the folder the store under test keeps its records in, the same one every time during a
     * test; it is missing or empty when the test starts.
     */
    protected abstract Path folder() throws IOException;

    /** Opens a store over {@link #folder()}; a second one stands for an engine started after a crash. */
    private CheckpointStore open() throws IOException {
        return new DirectoryCheckpointStore(folder());
    }

    /** The names of the files in the folder, sorted. */
    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    // ---- save, replace, remove, load

    @Test
    void aNewFolderHoldsNoRecords() throws IOException {
        CheckpointStore store = open();
        assertEquals(List.of(), store.records());
        assertEquals(Map.of(), store.load());
        assertTrue(Files.isDirectory(folder()), "the folder is created");
    }

    @Test
    void aSavedStateReadsBackExactly() throws IOException {
        CheckpointStore store = open();
        String state = "{\"format\": 2, \"console\": \"héllo 日本 \uD83D\uDE80\\n\"}\r\n\ttrailing ";
        store.save(1, state);
        store.save(2, "");
        assertEquals(Map.of(1L, state, 2L, ""), store.load());
        assertEquals(List.of("process-1.json", "process-2.json"), files());
        assertEquals(state, Files.readString(folder().resolve("process-1.json"), StandardCharsets.UTF_8), "the file is the state in UTF-8");
    }

    @Test
    void aSaveReplacesTheState() throws IOException {
        CheckpointStore store = open();
        store.save(3, LARGE);
        store.save(3, "{\"format\": 2}");
        assertEquals(Map.of(3L, "{\"format\": 2}"), store.load());
        assertEquals(List.of("process-3.json"), files(), "nothing is left of the first save");
    }

    @Test
    void removeDeletesTheStateAndIgnoresAMissingOne() throws IOException {
        CheckpointStore store = open();
        store.save(1, "one");
        store.save(2, "two");
        store.remove(1);
        store.remove(1);
        store.remove(99);
        assertEquals(Map.of(2L, "two"), store.load());
        assertEquals(List.of("process-2.json"), files());
    }

    @Test
    void aStoreOpenedAgainOnTheFolderFindsTheSavedStates() throws IOException {
        CheckpointStore before = open();
        before.save(5, "five");
        before.save(6, "six");
        before.remove(6);
        assertEquals(Map.of(5L, "five"), open().load());
    }

    @Test
    void recordsListEveryStateInPidOrderWithItsNameAndTime() throws IOException {
        CheckpointStore store = open();
        Instant before = Instant.now();
        store.save(12, "twelve");
        store.save(2, "two");
        Instant after = Instant.now();
        List<CheckpointRecord> records = store.records();
        assertEquals(List.of(2L, 12L), records.stream().map(CheckpointRecord::pid).toList());
        CheckpointRecord two = records.get(0);
        assertEquals("process-2.json", two.name());
        assertEquals("two", two.text());
        assertTrue(two.isReadable());
        assertNull(two.problem());
        // file times may be kept to the second only
        assertFalse(two.saved().isBefore(before.minusSeconds(2)) || two.saved().isAfter(after.plusSeconds(2)), two.saved().toString());
    }

    // ---- many processes

    @Test
    void manyPidsAreKeptApart() throws IOException {
        CheckpointStore store = open();
        Map<Long, String> expected = new TreeMap<>();
        for (long pid = 1; pid <= 300; pid++) {
            store.save(pid, "state of " + pid);
            expected.put(pid, "state of " + pid);
        }
        for (long pid = 1; pid <= 300; pid += 3) {
            store.remove(pid);
            expected.remove(pid);
        }
        for (long pid = 2; pid <= 300; pid += 3) {
            store.save(pid, "again " + pid);
            expected.put(pid, "again " + pid);
        }
        assertEquals(expected, store.load());
        assertEquals(List.copyOf(expected.keySet()), store.records().stream().map(CheckpointRecord::pid).toList());
    }

    @Test
    void processesOfDifferentPidsSaveAtTheSameTime() throws Exception {
        CheckpointStore store = open();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (long pid = 1; pid <= 40; pid++) {
                long p = pid;
                saves.add(threads.submit(() -> {
                    for (int job = 1; job <= 5; job++) {
                        store.save(p, "pid " + p + " after job " + job + " " + "x".repeat((int) p * 100));
                    }
                    return null;
                }));
            }
            for (Future<?> save : saves) {
                save.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        Map<Long, String> saved = store.load();
        assertEquals(40, saved.size());
        saved.forEach((pid, state) -> assertEquals("pid " + pid + " after job 5 " + "x".repeat((int) (long) pid * 100), state));
        assertTrue(files().stream().allMatch(f -> f.matches("process-\\d+\\.json")), "no temporary file is left: " + files());
    }

    @Test
    void readersSeeEachStateWholeWhileItIsReplaced() throws Exception {
        CheckpointStore store = open();
        String a = "a".repeat(100_000);
        String b = "b".repeat(100_000);
        store.save(1, a);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> saves = writer.submit(() -> {
                try {
                    for (int i = 0; i < 60; i++) {
                        store.save(1, i % 2 == 0 ? b : a);
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            int reads = 0;
            while (writing.get() || reads == 0) {
                // records() only reads: it must not disturb the saves under way
                List<CheckpointRecord> records = store.records();
                assertEquals(1, records.size(), "the record never disappears while it is replaced");
                String text = records.get(0).text();
                assertTrue(text.equals(a) || text.equals(b), "a torn state of " + text.length() + " characters");
                reads++;
            }
            saves.get(60, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }
        assertEquals(List.of("process-1.json"), files());
    }

    // ---- failures and crashes

    @Test
    void aSaveThatFailsPartWayKeepsThePreviousState() throws IOException {
        CheckpointStore store = open();
        store.save(3, "kept");
        // UTF-8 cannot hold a lone surrogate: the save fails once the text before it has been written
        String unwritable = LARGE + "\uD800" + LARGE;
        assertThrows(IOException.class, () -> store.save(3, unwritable));
        assertEquals(List.of("process-3.json"), files(), "the failed save leaves no temporary file");
        assertEquals(List.of(CheckpointRecord.readable(3, "process-3.json", store.records().get(0).saved(), "kept")), store.records());
        assertEquals(Map.of(3L, "kept"), open().load());
    }

    @Test
    void aFirstSaveThatFailsLeavesNoRecord() throws IOException {
        CheckpointStore store = open();
        assertThrows(IOException.class, () -> store.save(4, LARGE + "\uDC00"));
        assertEquals(List.of(), store.records());
        assertEquals(List.of(), files());
    }

    @Test
    void whatACrashLeftHalfWrittenIsNoRecordAndLoadDeletesIt() throws IOException {
        CheckpointStore store = open();
        store.save(4, "whole");
        // as a save cut short by a crash leaves them: before its rename, with or without a record beside
        Files.writeString(folder().resolve("process-4.json.8231764.tmp"), "{\"format\": 2, \"pi");
        Files.writeString(folder().resolve("process-6.json.77.tmp"), "{\"form");
        Files.writeString(folder().resolve("process-7.json.tmp"), "{");

        assertEquals(List.of(4L), store.records().stream().map(CheckpointRecord::pid).toList());
        assertEquals(4, files().size(), "reading the records deletes nothing: a save may be under way");

        assertEquals(Map.of(4L, "whole"), open().load());
        assertEquals(List.of("process-4.json"), files(), "the engine that loads the folder deletes the leftovers");
    }

    @Test
    void recordsThatCannotBeReadAreReportedWithoutFailingTheRest() throws IOException {
        CheckpointStore store = open();
        store.save(7, "seven");
        Files.createDirectories(folder().resolve("process-8.json").resolve("inside"));
        Files.write(folder().resolve("process-9.json"), new byte[] {'{', (byte) 0xC3, '(', '}'});

        List<CheckpointRecord> records = store.records();
        assertEquals(List.of(7L, 8L, 9L), records.stream().map(CheckpointRecord::pid).toList());
        assertEquals("seven", records.get(0).text());
        CheckpointRecord folderRecord = records.get(1);
        assertFalse(folderRecord.isReadable());
        assertEquals("process-8.json", folderRecord.name());
        assertNull(folderRecord.text());
        assertTrue(folderRecord.problem().startsWith("cannot be read: "), folderRecord.problem());
        assertEquals(CheckpointRecord.unreadable(9, "process-9.json", records.get(2).saved(), "not UTF-8 text"), records.get(2));

        IOException refused = assertThrows(IOException.class, store::load);
        assertTrue(refused.getMessage().startsWith("process-8.json: cannot be read: "), refused.getMessage());
        assertTrue(Files.isDirectory(folder().resolve("process-8.json").resolve("inside")), "nothing is deleted");
        assertTrue(Files.exists(folder().resolve("process-9.json")), "nothing is deleted");
    }

    // ---- names

    @Test
    void filesThatAreNotRecordsAreIgnoredAndKept() throws IOException {
        CheckpointStore store = open();
        List<String> foreign = List.of("notes.txt", "process-1.json.bak", "process-1.json~", "process-abc.json",
                "process-01.json", "process-0.json", "process--3.json", "process-3.json.json", "Process-3.json",
                "process-99999999999999999999.json", "process-3.json.part", "other.tmp", "process-x.json.1.tmp");
        for (String name : foreign) {
            Files.writeString(folder().resolve(name), "{\"format\": 2, \"pid\": 3}");
        }
        Files.createDirectories(folder().resolve("process-5"));
        store.save(3, "three");

        assertEquals(Map.of(3L, "three"), store.load());
        assertEquals(List.of(3L), store.records().stream().map(CheckpointRecord::pid).toList());
        store.remove(3);
        assertEquals(Map.of(), store.load());
        List<String> kept = new ArrayList<>(foreign);
        kept.add("process-5");
        assertEquals(kept.stream().sorted().toList(), files(), "files that are not the store's are left alone");
    }

    @Test
    void pidsAreExact() throws IOException {
        CheckpointStore store = open();
        store.save(1, "one");
        store.save(12, "twelve");
        store.save(112, "one hundred twelve");
        store.save(Long.MAX_VALUE, "the last pid");
        store.remove(11);
        store.remove(2);
        store.save(1, "one again");
        assertEquals(Map.of(1L, "one again", 12L, "twelve", 112L, "one hundred twelve", Long.MAX_VALUE, "the last pid"), store.load());
        store.remove(12);
        assertEquals(Map.of(1L, "one again", 112L, "one hundred twelve", Long.MAX_VALUE, "the last pid"), store.load());
    }

    @Test
    void pidsArePositive() throws IOException {
        CheckpointStore store = open();
        assertThrows(IllegalArgumentException.class, () -> store.save(0, "zero"));
        assertThrows(IllegalArgumentException.class, () -> store.save(-1, "minus one"));
        assertThrows(IllegalArgumentException.class, () -> store.remove(0));
        assertEquals(List.of(), files());
    }
}
