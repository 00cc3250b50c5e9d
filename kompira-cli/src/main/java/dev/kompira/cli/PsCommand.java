package dev.kompira.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.process.CheckpointRecord;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.store.StoreException;
import dev.kompira.store.git.GitStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kompira ps --checkpoints DIR}, {@code kompira ps --store DIR [--ref BRANCH]} or {@code kompira ps
 * --server URL [--state S] [--jobflow PATH] [--parent PID]}: the processes of a running server (its API's
 * list, {@link ServerList}); or the
 * processes saved in a checkpoint folder (language.md §12.7) as a tree — a folder given to
 * {@code kompira run --checkpoints}, or a Git store's own folder that {@code kompira run --store DIR
 * --checkpoint-mode} uses. Process records of finished runs live in their engine's memory only
 * (docs/git-store.md, Runtime state).
 */
@Command(name = "ps",
        mixinStandardHelpOptions = true,
        description = {"Shows the processes of a running kompira serve (--server URL), or the saved processes of a "
                + "checkpoint folder or of a Git store.",
                "With --server: every process the server knows, in pid order, filtered by --state, --jobflow, --parent, "
                        + "--started-after, --started-before (UTC times such as 2026-04-01T09:00:00Z).",
                "The processes saved by kompira run --checkpoints DIR (or by kompira run --store DIR --checkpoint-mode, "
                        + "in the store's folder) that have not finished are shown with their pid, jobflow, status, what "
                        + "they wait for, modes and the time of their last checkpoint, children indented under their "
                        + "parent; the same kompira run resumes them. A file that cannot be read is shown as a line "
                        + "that says why."})
final class PsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] HEADING = {"PID", "JOBFLOW", "STATUS", "WAITING", "MODES", "SAVED"};

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "The checkpoint folder given to kompira run --checkpoints.")
    Path checkpoints;

    @CommandLine.Mixin
    StoreOption objects = new StoreOption();

    @CommandLine.Mixin
    ServerOption server = new ServerOption();

    @Option(names = "--state", paramLabel = "STATE", description = "With --server: only processes in STATE "
            + "(NEW, READY, RUNNING, WAITING, SUSPENDED, ABORTED, DONE).")
    String state;

    @Option(names = "--jobflow", paramLabel = "PATH", description = "With --server: only processes of the Jobflow at PATH.")
    String jobflow;

    @Option(names = "--parent", paramLabel = "PID", description = "With --server: only the children of process PID.")
    Long parent;

    @Option(names = "--started-after", paramLabel = "TIME", description = "With --server: only processes started at TIME or later.")
    String startedAfter;

    @Option(names = "--started-before", paramLabel = "TIME", description = "With --server: only processes started before TIME.")
    String startedBefore;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int sources = (objects.given() ? 1 : 0) + (checkpoints != null ? 1 : 0) + (server.given() ? 1 : 0);
        if (sources != 1) {
            throw new UserError("kompira ps needs one of --checkpoints DIR, --store DIR or --server URL");
        }
        if (server.given()) {
            ServerList.print(server, filters(), spec.commandLine().getOut());
            return 0;
        }
        if (state != null || jobflow != null || parent != null || startedAfter != null || startedBefore != null) {
            throw new UserError("--state, --jobflow, --parent, --started-after and --started-before filter the processes of --server URL");
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
        print(lines(tree(saved())), spec.commandLine().getOut());
        return 0;
    }

    /** The filters given, as the query of the server's list. */
    private String filters() {
        StringBuilder query = new StringBuilder();
        filter(query, "state", state);
        filter(query, "jobflow", jobflow);
        filter(query, "parent", parent == null ? null : parent.toString());
        filter(query, "started_after", startedAfter);
        filter(query, "started_before", startedBefore);
        return query.toString();
    }

    private static void filter(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The processes of a running server as a table: pid, parent, jobflow, state, exit status, start time, invoker. */
    static final class ServerList {

        private static final String[] HEADING = {"PID", "PARENT", "JOBFLOW", "STATE", "EXIT", "STARTED", "INVOKER"};

        private ServerList() {
        }

        static void print(ServerOption server, String query, PrintWriter out) {
            JsonNode answer = server.sendJson(
                    HttpRequest.newBuilder(server.api("/processes" + query)).GET());
            List<String[]> lines = new ArrayList<>();
            for (JsonNode p : answer.path("processes")) {
                lines.add(new String[] {p.path("pid").asText(), text(p.get("parent")), p.path("jobflow").asText(), state(p),
                        text(p.get("exit_status")), time(p.get("started")), text(p.get("invoker"))});
            }
            table(HEADING, lines, out);
        }

        /** The state a process view shows, {@code SUSPENDED} for one that is suspended and not ended. */
        static String state(JsonNode p) {
            String state = p.path("state").asText();
            boolean ended = state.equals("DONE") || state.equals("ABORTED");
            return p.path("suspended").asBoolean() && !ended ? "SUSPENDED" : state;
        }

        private static String text(JsonNode v) {
            return v == null || v.isNull() ? "-" : v.asText();
        }

        private static String time(JsonNode v) {
            return v == null || v.isNull() ? "-" : TIME.format(Instant.parse(v.asText()).atZone(ZoneId.systemDefault()));
        }
    }

    /** The checkpoint folder of the --store branch. */
    private Path storeCheckpoints() {
        try (GitStore store = objects.open()) {
            return store.checkpointFolder();
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The saved processes by pid. */
    private Map<Long, SavedProcess> saved() {
        try {
            Map<Long, SavedProcess> saved = new TreeMap<>();
            for (CheckpointRecord record : new DirectoryCheckpointStore(checkpoints).records()) {
                saved.put(record.pid(), SavedProcess.of(record));
            }
            return saved;
        } catch (IOException e) {
            throw new UserError("cannot read the checkpoint folder " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    /** A process in the tree and how deep: 0 for one shown as top-level. */
    private record Node(SavedProcess process, int depth) {
    }

    /**
     * Orders the processes as a tree: top-level ones in pid order, each followed by its children
     * in pid order, recursively. A process whose parent is not saved is shown as top-level, and so
     * is one caught in a cycle of parents (corrupt records), so that every record is shown once.
     */
    private static List<Node> tree(Map<Long, SavedProcess> saved) {
        Map<Long, List<SavedProcess>> children = new TreeMap<>();
        List<SavedProcess> roots = new ArrayList<>();
        for (SavedProcess p : saved.values()) {
            if (p.parent() != p.pid() && saved.containsKey(p.parent())) {
                children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p);
            } else {
                roots.add(p);
            }
        }
        List<Node> nodes = new ArrayList<>();
        Set<Long> shown = new HashSet<>();
        roots.forEach(root -> walk(root, 0, children, shown, nodes));
        saved.values().stream().filter(p -> !shown.contains(p.pid())).forEach(p -> walk(p, 0, children, shown, nodes));
        return nodes;
    }

    private static void walk(SavedProcess p, int depth, Map<Long, List<SavedProcess>> children, Set<Long> shown, List<Node> nodes) {
        if (!shown.add(p.pid())) {
            return;
        }
        nodes.add(new Node(p, depth));
        for (SavedProcess child : children.getOrDefault(p.pid(), List.of())) {
            walk(child, depth + 1, children, shown, nodes);
        }
    }

    /** The table's lines: the cells of each process, or its pid and why it cannot be shown. */
    private static List<String[]> lines(List<Node> nodes) {
        List<String[]> lines = new ArrayList<>();
        for (Node node : nodes) {
            SavedProcess p = node.process();
            String pid = Long.toString(p.pid());
            if (!p.readable()) {
                lines.add(new String[] {pid, p.problem()});
                continue;
            }
            String indent = node.depth() == 0 ? "" : "   ".repeat(node.depth() - 1) + "\u2514\u2500 ";
            String saved = TIME.format(p.saved().atZone(ZoneId.systemDefault()));
            lines.add(new String[] {pid, indent + p.jobflow(), p.status(), p.waiting(), p.modes(), saved});
        }
        return lines;
    }

    /**
     * Prints the heading and the lines in aligned columns, two spaces apart; the text of a record
     * that cannot be shown follows its pid and takes no part in the widths.
     */
    private static void print(List<String[]> lines, PrintWriter out) {
        table(HEADING, lines, out);
    }

    /** Prints {@code heading} and {@code lines} in aligned columns, two spaces apart; the last column takes no part in the widths. */
    private static void table(String[] heading, List<String[]> lines, PrintWriter out) {
        List<String[]> all = new ArrayList<>();
        all.add(heading);
        all.addAll(lines);
        int[] widths = new int[heading.length - 1];
        for (String[] line : all) {
            for (int i = 0; i < line.length - 1; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : all) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length - 1; i++) {
                text.append(line[i]).append(" ".repeat(widths[i] - line[i].length() + 2));
            }
            out.println(text.append(line[line.length - 1]));
        }
        out.flush();
    }
}
