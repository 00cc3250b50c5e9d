package dev.kompira.cli;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.io.ExportOptions;
import dev.kompira.core.object.io.KompiraExport;
import dev.kompira.store.git.GitStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira export --store DIR [--bundle FILE.zip] [PATH]}: writes a subtree of a Git store as a
 * Kompira export, JSON on standard output or a ZIP bundle with the attached files.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {"Writes the object at PATH and everything below it, in Kompira's JSON export format, to standard "
                + "output.",
                "File field values are written as {\"path\": \"<objpath>/<field>.file\", \"name\": ...}: the JSON names "
                        + "where the bytes of each attached file belong but does not hold them; --bundle writes them too."})
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The object to export (default /).")
    String path = "/";

    @Option(names = "--bundle", paramLabel = "FILE.zip", description = "Write a ZIP bundle to FILE instead of JSON to "
            + "standard output: export.json at its root and every attached file at the path export.json gives it "
            + "(<objpath>/<field>.file; <objpath>/<field>_<n>.file for the n-th file of an Array<File> or "
            + "Dictionary<File> field). An existing FILE is replaced only once the bundle is complete. "
            + "kompira import reads it back.")
    Path bundle;

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
            if (bundle != null) {
                AtomicFiles.write(bundle, zip -> KompiraExport.exportBundle(tree, path, zip, ExportOptions.defaults()));
                return 0;
            }
            KompiraExport.exportJson(tree, path, out, ExportOptions.defaults());
            out.println();
            out.flush();
            return 0;
        } catch (JobflowError | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
