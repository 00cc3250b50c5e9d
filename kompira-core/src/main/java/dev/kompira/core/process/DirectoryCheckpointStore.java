package dev.kompira.core.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link CheckpointStore} in a folder: {@code process-<pid>.json} per process, written to a
 * temporary file, forced to disk and moved over the old one atomically. Thread-safe (each pid is
 * written by its own process, one job at a time).
 */
public final class DirectoryCheckpointStore implements CheckpointStore {

    private static final Pattern FILE = Pattern.compile("process-(\\d+)\\.json");

    private final Path directory;

    /** Uses {@code directory}, creating it when missing. */
    public DirectoryCheckpointStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public void save(long pid, String state) throws IOException {
        Path target = file(pid);
        Path temporary = directory.resolve("process-" + pid + ".json.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void remove(long pid) throws IOException {
        Files.deleteIfExists(file(pid));
    }

    @Override
    public Map<Long, String> load() throws IOException {
        Map<Long, String> states = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    states.put(Long.parseLong(m.group(1)), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return states;
    }

    private Path file(long pid) {
        return directory.resolve("process-" + pid + ".json");
    }
}
