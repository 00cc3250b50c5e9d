package dev.kompira.cli;

import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kompira check PATH...}: compiles jobflow files and prints every diagnostic. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Compiles jobflow files (or every .kjf file under a folder) and prints every diagnostic.",
                "Exits with 1 if any file has an error, 0 otherwise."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Jobflow files or folders of .kjf files.")
    List<Path> paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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

    private static String summary(int files, int errors, int failedFiles) {
        String checked = files + (files == 1 ? " jobflow" : " jobflows") + " checked";
        if (errors == 0) {
            return checked + ": no errors";
        }
        return checked + ": " + errors + (errors == 1 ? " error" : " errors") + " in " + failedFiles
                + (failedFiles == 1 ? " file" : " files");
    }
}
