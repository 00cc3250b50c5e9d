package dev.kompira.cli;

import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.InvalidTreeException;
import dev.kompira.store.git.StoreCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code kompira check PATH...}: compiles jobflow files and prints every diagnostic. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Compiles jobflow files (or every .kjf file under a folder) and prints every diagnostic.",
                "With --store DIR [--ref REF], checks a revision of a Git store instead: every file reads as an object, "
                        + "every Jobflow compiles, every object's fields pass its type; problems are printed with the "
                        + "repository path of their file, as a pull-request gate.",
                "Exits with 1 if anything has an error, 0 otherwise."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Jobflow files or folders of .kjf files.")
    List<Path> paths = List.of();

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (store.given()) {
            return checkStore(out);
        }
        if (paths.isEmpty()) {
            throw new UserError("check needs PATH... or --store DIR");
        }
        List<Path> files = FlowFiles.expand(paths);
        int errors = 0;
        int failedFiles = 0;
        for (Path file : files) {
            ParseResult result = JobflowParser.check(file.toString(), FlowFiles.read(file));
            out.print(result.renderDiagnostics());
            long fileErrors = result.diagnostics().stream().filter(Diagnostic::isError).count();
            errors += fileErrors;
            failedFiles += fileErrors > 0 ? 1 : 0;
        }
        out.println(summary(files.size(), errors, failedFiles));
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    private int checkStore(PrintWriter out) {
        StoreCheck.Report report;
        try (GitStore git = store.openForCheck()) {
            report = StoreCheck.run(git, ZoneId.systemDefault());
        } catch (InvalidTreeException invalid) {
            invalid.problems().forEach(p -> out.println(p.file() + ": error: " + p.message()));
            out.println(store.dir + ": " + invalid.problems().size() + " problems in the files; nothing else was checked");
            out.flush();
            return 1;
        }
        report.problems().forEach(out::println);
        out.println(report.objects() + " objects and " + report.jobflows() + " jobflows checked: "
                + (report.problems().isEmpty() ? "no errors" : report.problems().size() + " with errors"));
        out.flush();
        return report.problems().isEmpty() ? 0 : 1;
    }

    private static String summary(int files, int errors, int failedFiles) {
        String checked = files + (files == 1 ? " jobflow" : " jobflows") + " checked";
        if (errors == 0) {
            return checked + ": no errors";
        }
        return checked + ": " + errors + (errors == 1 ? " error" : " errors") + " in " + failedFiles
                + (failedFiles == 1 ? " file" : " files");
    }
}
