package dev.kompira.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kompira} command. Exit statuses: 0 success, 1 the files have problems (errors, or not
 * formatted when {@code --check} is given), 2 the command could not do its work (bad usage, a file
 * that cannot be read or written).
 */
@Command(name = "kompira",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs and checks Kompira jobflows.",
        subcommands = {RunCommand.class, PsCommand.class, CheckCommand.class, FormatCommand.class, InitCommand.class,
                ImportCommand.class, ExportCommand.class, LogCommand.class, DiffCommand.class, RevertCommand.class,
                ServeCommand.class, TokenCommand.class, SendEventCommand.class, JobManagerCommand.class, ScheduleCommand.class,
                StartCommand.class, ConsoleCommand.class, ProcessControlCommands.Suspend.class,
                ProcessControlCommands.Resume.class, ProcessControlCommands.Terminate.class,
                CommandLine.HelpCommand.class})
public final class KompiraCommand implements Runnable {

    /** Exit status when the command could not do its work. */
    static final int EXIT_TROUBLE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Returns the configured command line, writing to the process's standard streams. */
    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Returns the configured command line writing to {@code out} and {@code err} (tests pass their own). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new KompiraCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cl, parseResult) -> {
            if (exception instanceof UserError) {
                cl.getErr().println("kompira: " + exception.getMessage());
                return EXIT_TROUBLE;
            }
            cl.getErr().println("kompira: internal error: " + exception + " (this is a bug; please report it with the trace below)");
            exception.printStackTrace(cl.getErr());
            return EXIT_TROUBLE;
        });
        return commandLine;
    }
}
