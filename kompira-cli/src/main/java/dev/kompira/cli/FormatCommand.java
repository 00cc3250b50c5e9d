package dev.kompira.cli;

import dev.kompira.dsl.format.Formatter;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kompira fmt [--check | --write] PATH...}: the canonical form of jobflow files. */
@Command(name = "fmt",
        mixinStandardHelpOptions = true,
        description = {"Prints jobflow files in their canonical form.",
                "With --check, lists the files that are not canonical and exits with 1 if there is one;",
                "with --write, rewrites them in place. A file that does not parse is reported and left alone."})
final class FormatCommand implements Callable<Integer> {

    static final class Mode {
        @Option(names = "--check", description = "Only report files that are not in canonical form.")
        boolean check;

        @Option(names = "--write", description = "Rewrite files that are not in canonical form.")
        boolean write;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode = new Mode();

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Jobflow files or folders of .kjf files.")
    List<Path> paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = FlowFiles.expand(paths);
        boolean problems = false;
        for (Path file : files) {
            String text = FlowFiles.read(file);
            ParseResult parsed = JobflowParser.parse(file.toString(), text);
            if (parsed.hasErrors()) {
                out.print(parsed.renderDiagnostics());
                problems = true;
                continue;
            }
            String formatted = Formatter.format(parsed);
            problems |= handle(file, text, formatted, files.size() > 1, out);
        }
        out.flush();
        return problems ? 1 : 0;
    }

    /** Returns whether the file counts as a problem (not canonical under --check). */
    private boolean handle(Path file, String text, String formatted, boolean several, PrintWriter out) {
        boolean canonical = formatted.equals(text);
        if (mode.check) {
            if (!canonical) {
                out.println(file + ": not in canonical form (kompira fmt --write " + file + " fixes it)");
            }
            return !canonical;
        }
        if (mode.write) {
            if (!canonical) {
                FlowFiles.replace(file, formatted);
                out.println("formatted " + file);
            }
            return false;
        }
        if (several) {
            out.println("==> " + file + " <==");
        }
        out.print(formatted);
        return false;
    }
}
