package dev.kompira.cli;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.io.ExportOptions;
import dev.kompira.core.object.io.KompiraExport;
import dev.kompira.store.git.GitStore;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kompira export --store DIR [PATH]}: writes a subtree of a Git store as a Kompira export (JSON). */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = "Writes the object at PATH and everything below it, in Kompira's JSON export format, to standard output.")
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The object to export (default /).")
    String path = "/";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!store.given()) {
            throw new UserError("export needs --store DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (GitStore git = store.open()) {
            if (git.isEmpty()) {
                throw new UserError(store.dir + " holds no tree yet: run kompira init --store " + store.dir);
            }
            ObjectTree tree = new ObjectTree(git, ZoneId.systemDefault());
            KompiraExport.exportJson(tree, path, out, ExportOptions.defaults());
            out.println();
            out.flush();
            return 0;
        } catch (JobflowError e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
