package dev.kompira.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.store.StoreException;
import dev.kompira.store.git.GitStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kompira ps --checkpoints DIR} or {@code kompira ps --store DIR [--ref BRANCH]}: lists the
 * processes saved in a checkpoint folder (language.md §12.7) as a table — a folder given to
 * {@code kompira run --checkpoints}, or a Git store's own folder that {@code kompira run --store DIR
 * --checkpoint-mode} uses. Process records of finished runs live in their engine's memory only
 * (docs/git-store.md, Runtime state).
 */
@Command(name = "ps",
        mixinStandardHelpOptions = true,
        description = {"Lists the saved processes of a checkpoint folder or of a Git store.",
                "The processes saved by kompira run --checkpoints DIR (or by kompira run --store DIR --checkpoint-mode, "
                        + "in the store's folder) that have not finished are shown with their pid, jobflow, modes and "
                        + "the time of their last checkpoint; the same kompira run resumes them."})
final class PsCommand implements Callable<Integer> {

    /** The files of {@code DirectoryCheckpointStore}: {@code process-<pid>.json}. */
    private static final Pattern SAVED = Pattern.compile("process-(\\d+)\\.json");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Made on first use: picocli creates every subcommand when the CLI starts, and Jackson is slow to load. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "The checkpoint folder given to kompira run --checkpoints.")
    Path checkpoints;

    @CommandLine.Mixin
    StoreOption objects = new StoreOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Row(long pid, String jobflow, String modes, String saved) {
    }

    @Override
    public Integer call() {
        if (objects.given() == (checkpoints != null)) {
            throw new UserError("kompira ps needs either --checkpoints DIR or --store DIR");
        }
        if (objects.given()) {
            checkpoints = storeCheckpoints();
            if (!Files.isDirectory(checkpoints)) {
                print(List.of(), spec.commandLine().getOut());
                return 0;
            }
        } else if (!Files.isDirectory(checkpoints)) {
            throw new UserError("no such checkpoint folder: " + checkpoints);
        }
        List<Row> rows = new ArrayList<>();
        for (Path file : savedFiles()) {
            Row row = read(file);
            if (row != null) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparingLong(Row::pid));
        print(rows, spec.commandLine().getOut());
        return 0;
    }

    /** The checkpoint folder of the --store branch. */
    private Path storeCheckpoints() {
        try (GitStore store = objects.open()) {
            return store.checkpointFolder();
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private List<Path> savedFiles() {
        try (Stream<Path> files = Files.list(checkpoints)) {
            return files.filter(f -> SAVED.matcher(f.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    /** Reads a saved process; returns null when its file is gone (the process ended meanwhile). */
    private Row read(Path file) {
        try {
            String modified = TIME.format(Files.getLastModifiedTime(file).toInstant().atZone(ZoneId.systemDefault()));
            JsonNode saved = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return new Row(saved.path("pid").asLong(), saved.path("flow").path("name").asText("?"), modes(saved.path("modes")), modified);
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": not a saved process: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
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

    private static void print(List<Row> rows, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"PID", "JOBFLOW", "MODES", "SAVED"});
        for (Row r : rows) {
            lines.add(new String[] {Long.toString(r.pid()), r.jobflow(), r.modes(), r.saved()});
        }
        int[] widths = new int[3];
        for (String[] line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(line[i]).append(" ".repeat(widths[i] - line[i].length() + 2));
            }
            out.println(text.append(line[3]));
        }
        out.flush();
    }
}
