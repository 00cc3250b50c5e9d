package dev.kompira.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
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
        description = "Runs and checks Kompira jobflows.")
public final class KompiraCommand implements Runnable {

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, PsCommand.class, CheckCommand.class,
            FormatCommand.class, InitCommand.class, ImportCommand.class, ExportCommand.class, LogCommand.class,
            DiffCommand.class, RevertCommand.class, ServeCommand.class, TokenCommand.class, SendEventCommand.class,
            JobManagerCommand.class, ScheduleCommand.class, StartCommand.class, ConsoleCommand.class,
            ProcessControlCommands.Suspend.class, ProcessControlCommands.Resume.class, ProcessControlCommands.Terminate.class,
            CommandLine.HelpCommand.class);

    /** Exit status when the command could not do its work. */
    static final int EXIT_TROUBLE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Returns the command line for {@code args}, writing to the process's standard streams. When the
     * first argument names a subcommand, only that one is set up: picocli builds the model of every
     * subcommand it is given by reflection, which took a third of the start-up of {@code kompira run}.
     */
    public static CommandLine commandLine(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<Class<?>> named = args.length == 0 ? Optional.empty() : subcommandNamed(args[0]);
        return named.isPresent() ? configured(List.of(named.get()), out, err) : commandLine(out, err);
    }

    /** Returns the command line with every subcommand, writing to {@code out} and {@code err} (tests pass their own). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configured(SUBCOMMANDS, out, err);
    }

    /** The subcommand called {@code name}, except {@code help}, which needs the others to describe them. */
    private static Optional<Class<?>> subcommandNamed(String name) {
        return SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(name))
                .findFirst();
    }

    private static CommandLine configured(List<Class<?>> subcommands, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new KompiraCommand());
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new ErrorReport());
        return commandLine;
    }

    /** Reports an exception of a command: a {@link UserError} in its own words, anything else as a bug with its trace. */
    private static final class ErrorReport implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception exception, CommandLine cl, CommandLine.ParseResult parseResult) {
            if (exception instanceof UserError) {
                cl.getErr().println("kompira: " + exception.getMessage());
                return EXIT_TROUBLE;
            }
            cl.getErr().println("kompira: internal error: " + exception + " (this is a bug; please report it with the trace below)");
            exception.printStackTrace(cl.getErr());
            return EXIT_TROUBLE;
        }
    }
}
