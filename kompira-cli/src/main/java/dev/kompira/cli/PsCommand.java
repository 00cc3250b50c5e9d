package dev.kompira.cli;

import dev.kompira.core.process.CheckpointRecord;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.store.StoreException;
import dev.kompira.store.git.GitStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code kompira ps --checkpoints DIR} or {@code kompira ps --store DIR [--ref BRANCH]}: shows the
 * processes saved in a checkpoint folder (language.md §12.7) as a tree — a folder given to
 * {@code kompira run --checkpoints}, or a Git store's own folder that {@code kompira run --store DIR
 * --checkpoint-mode} uses. Process records of finished runs live in their engine's memory only
 * (docs/git-store.md, Runtime state).
 */
@Command(name = "ps",
        mixinStandardHelpOptions = true,
        description = {"Shows the saved processes of a checkpoint folder or of a Git store.",
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        print(lines(tree(saved())), spec.commandLine().getOut());
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
        List<String[]> all = new ArrayList<>();
        all.add(HEADING);
        all.addAll(lines);
        int[] widths = new int[HEADING.length - 1];
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
