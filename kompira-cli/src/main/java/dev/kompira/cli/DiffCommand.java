package dev.kompira.cli;

import dev.kompira.store.git.GitHistory;
import dev.kompira.store.git.GitStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kompira diff --store DIR REV1 [REV2]}: what changed between two revisions, object by object. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {"Shows the objects added, removed and changed from REV1 to REV2 (default: the store's branch), "
                + "field by field, with the source diff of flows; secrets show only that they changed.",
                "Exits with 1 when something changed, 0 when nothing did."})
final class DiffCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Parameters(index = "0", paramLabel = "REV1", description = "The old revision (branch, tag, commit).")
    String from;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REV2", description = "The new revision.")
    String to;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        store.require("diff");
        PrintWriter out = spec.commandLine().getOut();
        try (GitStore git = store.open()) {
            List<GitHistory.ObjectChange> changes = store.history(git, h -> h.diff(from, to));
            for (GitHistory.ObjectChange c : changes) {
                out.println(c.kind() + " " + c.path());
                c.details().forEach(d -> d.lines().forEach(line -> out.println("    " + line)));
            }
            out.flush();
            return changes.isEmpty() ? 0 : 1;
        }
    }
}
