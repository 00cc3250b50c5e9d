package dev.kompira.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.process.CheckpointRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code kompira ps} shows of one saved process: the top-level keys of its snapshot, or why
 * its record cannot be shown. The snapshot is read only this far; resuming it is the engine's work.
 *
 * @param pid     the pid, from the record's name
 * @param parent  the parent's pid, or 0 for a top-level process
 * @param jobflow the jobflow's name
 * @param status  {@code running}, {@code suspended}, {@code finished} (a child not yet joined), or {@code -}
 * @param waiting what the process waits for ({@code job at line 3}), or {@code -}
 * @param modes   the modes that are on ({@code step,checkpoint}), or {@code -}
 * @param saved   when it was last saved
 * @param problem why the record cannot be shown, with its name; Java null when it can
 */
record SavedProcess(long pid, long parent, String jobflow, String status, String waiting, String modes, Instant saved,
        String problem) {

    /** The snapshot format whose keys these are (format 2). */
    private static final int FORMAT = 2;

    /** Made on first use: picocli creates every subcommand when the CLI starts, and Jackson is slow to load. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** Reads what ps shows of {@code record}; a record that cannot be shown says why. */
    static SavedProcess of(CheckpointRecord record) {
        if (!record.isReadable()) {
            return broken(record, record.problem());
        }
        JsonNode snapshot;
        try {
            snapshot = Json.MAPPER.readTree(record.text());
        } catch (JsonProcessingException e) {
            return broken(record, "not a saved process: " + e.getOriginalMessage());
        }
        if (snapshot == null || !snapshot.isObject() || !snapshot.path("format").isIntegralNumber()) {
            return broken(record, "not a saved process: not a JSON object with a \"format\"");
        }
        int format = snapshot.path("format").asInt();
        if (format != FORMAT) {
            return broken(record, "saved in format " + format + ", which this kompira does not read (format " + FORMAT + ")");
        }
        if (snapshot.path("pid").asLong() != record.pid()) {
            return broken(record, "holds process " + snapshot.path("pid").asText("?") + ", not " + record.pid());
        }
        return new SavedProcess(record.pid(), snapshot.path("parent").asLong(0), text(snapshot.path("flow").path("name"), "?"),
                text(snapshot.path("status"), "-"), text(snapshot.path("waiting"), "-"), modes(snapshot.path("modes")),
                record.saved(), null);
    }

    private static SavedProcess broken(CheckpointRecord record, String problem) {
        return new SavedProcess(record.pid(), 0, null, null, null, null, record.saved(), record.name() + ": " + problem);
    }

    /** A text key's value on one line, or {@code absent} when it is missing or blank. */
    private static String text(JsonNode value, String absent) {
        String text = value.isTextual() ? value.asText().strip().replaceAll("\\s+", " ") : "";
        return text.isEmpty() ? absent : text;
    }

    private static String modes(JsonNode modes) {
        List<String> on = new ArrayList<>();
        if (modes.path("step").asBoolean()) {
            on.add("step");
        }
        if (modes.path("checkpoint").asBoolean()) {
            on.add("checkpoint");
        }
        return on.isEmpty() ? "-" : String.join(",", on);
    }

    /** Returns whether the record could be read as a saved process. */
    boolean readable() {
        return problem == null;
    }
}
