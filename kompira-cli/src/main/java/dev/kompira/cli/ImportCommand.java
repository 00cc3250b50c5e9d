package dev.kompira.cli;

import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.io.ImportException;
import dev.kompira.core.object.io.ImportOptions;
import dev.kompira.core.object.io.ImportReport;
import dev.kompira.store.git.GitStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kompira import --store DIR EXPORT...}: imports Kompira exports into a Git store, one commit each. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {"Imports Kompira exports (JSON, objects.md section 7) into a Git store; each export is one "
                + "commit, all or nothing. A store without a tree is initialised first.",
                "An export is " + ExportFiles.FORMS + " A File whose bytes are missing is imported empty, "
                        + "with a warning on standard error."})
final class ImportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Parameters(paramLabel = "EXPORT", arity = "1..*", description = "The exports (JSON files, folders, .zip or "
            + ".tar.gz bundles), imported in order.")
    List<Path> files;

    @Option(names = "--base", paramLabel = "PATH", description = "The directory the exported paths are relative to (default /).")
    String base = "/";

    @Option(names = "--overwrite", description = "Update objects that exist already (otherwise they are skipped).")
    boolean overwrite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!store.given()) {
            throw new UserError("import needs --store DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (GitStore git = store.open()) {
            ObjectTree tree = ObjectTree.initialisedOnFirstUse(git, ZoneId.systemDefault());
            for (Path file : files) {
                try {
                    ImportReport report = ExportFiles.importInto(tree, file, base, ImportOptions.defaults().withOverwrite(overwrite));
                    report.warnings().forEach(w -> err.println("kompira: " + file + ": warning: " + w));
                    out.println(file + ": " + report.created() + " created, " + report.updated() + " updated, "
                            + report.skipped() + " skipped");
                } catch (ImportException e) {
                    err.println("kompira: cannot import " + file + " (nothing of it was written):");
                    err.println(e.getMessage());
                    return 1;
                }
            }
            return 0;
        }
    }
}
