package dev.kompira.store.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.transport.LocalFiles;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The runtime state of a branch's objects (docs/git-store.md): the values of invisible fields — a
 * channel's queue, its message counter — kept out of the reviewable history, in one small JSON file
 * per object under {@code <git dir>/kompira/state/<branch>/}. A file is replaced atomically (written
 * beside, then moved), so a crash leaves the old state or the new one. Used under the store's
 * write lock.
 */
final class RuntimeState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    /** The state of branch {@code branchRef} of the repository whose Git directory is {@code gitDir}. */
    RuntimeState(Path gitDir, String branchRef) {
        this.folder = gitDir.resolve("kompira").resolve("state").resolve(folderName(branchRef));
    }

    /** The name of a branch's folder: the ref with {@code /} as {@code %}, so that one folder holds one branch. */
    static String folderName(String branchRef) {
        return branchRef.replace('/', '%');
    }

    /** Keeps {@code state} as object {@code id}'s runtime state; an empty one removes it. */
    void save(long id, Map<String, Value> state, LongFunction<String> pathOf) {
        Path file = folder.resolve(id + ".json");
        try {
            if (state.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            ObjectNode node = JSON.createObjectNode();
            state.forEach((k, v) -> node.set(k, StoredValues.encode(v, pathOf)));
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".state-", ".part");
            try {
                Files.write(temporary, JSON.writeValueAsBytes(node));
                LocalFiles.moveOver(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the runtime state of object #" + id + " in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Reads every object's saved state: id to field name to encoded value. */
    Map<Long, Map<String, JsonNode>> load() {
        Map<Long, Map<String, JsonNode>> all = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return all;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[0-9]+\\.json")).sorted().toList()) {
                long id = Long.parseLong(file.getFileName().toString().replace(".json", ""));
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(file.toFile()).fields();
                it.forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
                all.put(id, fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runtime state in " + folder + ": " + e.getMessage(), e);
        }
        return all;
    }
}
