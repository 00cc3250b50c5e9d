package dev.kompira.cli;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessHandle;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.Value;
import dev.kompira.core.vm.CompiledFlow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira run FILE [--param NAME=EXPR]...}: runs a jobflow file, streaming its console to
 * standard output, and exits with the process's exit status (language.md §10.3, §12.2).
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs a jobflow file and streams its console to standard output.",
                "Exits with the process's exit status: 0 when it ends DONE, the status given to exit() or of the",
                "job that stopped the flow otherwise (statuses outside 1-255 are reduced modulo 256, 0 becoming 1);",
                "a flow that does not compile prints its diagnostics on standard error and exits 1."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The jobflow file (.kjf) to run.")
    Path file;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=EXPR",
            description = "A parameter value, written as a jobflow expression: --param host=\"'web01'\" --param retries=3.")
    List<String> params = List.of();

    @Option(names = "--show-commands", description = "Print [user@host]$ command before each command runs.")
    boolean showCommands;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String source = FlowFiles.read(file);
        try (Kompira kompira = Kompira.builder().showCommands(showCommands).console((pid, text) -> {
            out.print(text);
            out.flush();
        }).build()) {
            CompiledFlow flow;
            try {
                flow = kompira.compile(file.toString(), source);
            } catch (FlowCompileException e) {
                err.print(e.getMessage());
                err.flush();
                return 1;
            }
            ProcessHandle process = kompira.start(flow, parameters(kompira));
            ProcessOutcome outcome = process.await();
            out.flush();
            return exitCode(outcome.exitStatus());
        }
    }

    private Map<String, Value> parameters(Kompira kompira) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String param : params) {
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--param needs NAME=EXPR, got '" + param + "'");
            }
            String name = param.substring(0, eq);
            try {
                values.put(name, kompira.parameterValue(name, param.substring(eq + 1)));
            } catch (FlowCompileException e) {
                throw new UserError("--param " + name + ": not a jobflow expression:\n" + e.getMessage());
            } catch (dev.kompira.core.error.JobflowError e) {
                throw new UserError("--param " + name + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** Maps an exit status to a process exit code, keeping every non-zero status non-zero. */
    static int exitCode(long status) {
        if (status == 0) {
            return 0;
        }
        int code = (int) (status & 0xff);
        return code == 0 ? 1 : code;
    }
}
