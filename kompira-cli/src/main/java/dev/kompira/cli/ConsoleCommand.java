package dev.kompira.cli;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira console --server URL PID [--follow]}: prints the console of a process of a running
 * server; with {@code --follow}, prints it as it grows until the process ends and exits with its
 * exit status, as {@code kompira run} does.
 */
@Command(name = "console",
        mixinStandardHelpOptions = true,
        description = {"Prints the console of a process of a running kompira serve (docs/server.md).",
                "With --follow it prints the console as it grows until the process ends, then exits with the process's "
                        + "exit status, as kompira run does.",
                "The token comes from KOMPIRA_TOKEN or --token-file."})
final class ConsoleCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ServerOption server = new ServerOption();

    @Parameters(index = "0", paramLabel = "PID", description = "The process id (kompira ps --server URL lists them).")
    long pid;

    @Option(names = {"-f", "--follow"}, description = "Follow the console until the process ends; exit with its exit status.")
    boolean follow;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (follow) {
            return ConsoleStream.exitCode(ConsoleStream.follow(server, pid, out));
        }
        out.print(server.send(HttpRequest.newBuilder(server.api("/processes/" + pid + "/console")).GET()).body());
        out.flush();
        return 0;
    }
}
