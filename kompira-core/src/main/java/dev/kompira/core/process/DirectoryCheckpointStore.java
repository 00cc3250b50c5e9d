package dev.kompira.core.process;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link CheckpointStore} in a folder: {@code process-<pid>.json} per process, in UTF-8.
 *
 * <p>A save writes the state to a new temporary file {@code process-<pid>.json.<n>.tmp} in the
 * folder, forces it to disk, renames it over the old file in one atomic step and then forces the
 * folder, so that the rename itself survives a crash. Where the platform cannot open a folder to
 * force it (Windows), that last step is skipped and the rename is as durable as the platform makes
 * it. A removal forces the folder the same way. A save that fails deletes its temporary file; one
 * cut short by a crash leaves it behind, and {@link #load()} deletes such files.
 *
 * <p>Other files in the folder are not records and are left alone, as are names that are not a
 * pid written exactly ({@code process-01.json}). Thread-safe: every save has its own temporary
 * file, and readers see each record whole.
 */
public final class DirectoryCheckpointStore implements CheckpointStore {

    private static final Pattern RECORD = Pattern.compile("process-([1-9][0-9]*)\\.json");
    /** What a save writes before its rename: {@code process-<pid>.json.<n>.tmp} (and {@code .json.tmp} of older versions). */
    private static final Pattern TEMPORARY = Pattern.compile("process-[1-9][0-9]*\\.json\\.([0-9]+\\.)?tmp");

    private final Path directory;

    /** Uses {@code directory}, creating it when missing. */
    public DirectoryCheckpointStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    /** Returns the folder, which messages about its records name. */
    @Override
    public String toString() {
        return directory.toString();
    }

    @Override
    public void save(long pid, String state) throws IOException {
        Path target = file(pid);
        Path temporary = Files.createTempFile(directory, target.getFileName() + ".", ".tmp");
        try {
            write(temporary, state);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory();
    }

    /**
     * Writes {@code state} in UTF-8 and forces it to disk. The encoder reports what UTF-8 cannot
     * hold (a lone surrogate) instead of writing a {@code ?} for it: such a state would not read
     * back as written.
     */
    private static void write(Path file, String state) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8.newEncoder(), -1)) {
            writer.write(state);
            writer.flush();
            channel.force(true);
        }
    }

    @Override
    public void remove(long pid) throws IOException {
        if (Files.deleteIfExists(file(pid))) {
            forceDirectory();
        }
    }

    @Override
    public List<CheckpointRecord> records() throws IOException {
        List<CheckpointRecord> records = new ArrayList<>();
        for (Map.Entry<Long, Path> saved : recordFiles().entrySet()) {
            CheckpointRecord record = read(saved.getKey(), saved.getValue());
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }

    /** Deletes the temporary files of saves that a crash cut short. */
    @Override
    public void discardInterrupted() throws IOException {
        for (Path file : list()) {
            if (TEMPORARY.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Returns the record files by pid. */
    private SortedMap<Long, Path> recordFiles() throws IOException {
        SortedMap<Long, Path> files = new TreeMap<>();
        for (Path file : list()) {
            Matcher m = RECORD.matcher(file.getFileName().toString());
            if (m.matches()) {
                try {
                    files.put(Long.parseLong(m.group(1)), file);
                } catch (NumberFormatException beyondAnyPid) {
                    // more digits than a pid has: not a record
                }
            }
        }
        return files;
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** Reads one record; returns Java null when its file is gone (its process ended meanwhile). */
    private static CheckpointRecord read(long pid, Path file) throws IOException {
        String name = file.getFileName().toString();
        try {
            Instant saved = Files.getLastModifiedTime(file).toInstant();
            try {
                return CheckpointRecord.readable(pid, name, saved, Files.readString(file, StandardCharsets.UTF_8));
            } catch (CharacterCodingException e) {
                return CheckpointRecord.unreadable(pid, name, saved, "not UTF-8 text");
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                return CheckpointRecord.unreadable(pid, name, saved, "cannot be read: " + e.getMessage());
            }
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Forces the folder's entries (a rename, a deletion) to disk. Opening a folder as a channel
     * fails on some platforms (Windows), which offer no other way from Java: the change is then as
     * durable as that platform makes it. Where the folder opens, a failing force is a real error.
     */
    private void forceDirectory() throws IOException {
        FileChannel folder;
        try {
            folder = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException cannotOpenFolders) {
            return;
        }
        try (folder) {
            folder.force(true);
        }
    }

    private Path file(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("a pid is positive, got " + pid);
        }
        return directory.resolve("process-" + pid + ".json");
    }
}
