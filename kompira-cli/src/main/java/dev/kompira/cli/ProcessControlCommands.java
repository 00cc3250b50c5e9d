package dev.kompira.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira suspend|resume|terminate --server URL PID}: asks a running server to suspend, resume
 * or terminate a process, and prints the pid and the state it is in right after (a suspended process
 * stops at its next job boundary).
 */
final class ProcessControlCommands {

    private ProcessControlCommands() {
    }

    /** What the three commands share: the server, the pid, the request. */
    abstract static class Control implements Callable<Integer> {

        @CommandLine.Mixin
        ServerOption server = new ServerOption();

        @Parameters(index = "0", paramLabel = "PID", description = "The process id (kompira ps --server URL lists them).")
        long pid;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The last segment of the route: suspend, resume or terminate. */
        abstract String action();

        @Override
        public Integer call() {
            JsonNode process = server.sendJson(HttpRequest.newBuilder(server.api("/processes/" + pid + "/" + action()))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            PrintWriter out = spec.commandLine().getOut();
            out.println(pid + "\t" + PsCommand.ServerList.state(process));
            out.flush();
            return 0;
        }
    }

    /** {@code kompira suspend}. */
    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = {"Suspends a process of a running kompira serve at its next job boundary; prints its pid and state.",
                "The token needs the operator role."})
    static final class Suspend extends Control {
        @Override
        String action() {
            return "suspend";
        }
    }

    /** {@code kompira resume}. */
    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"Resumes a suspended process of a running kompira serve; prints its pid and state.",
                "The token needs the operator role."})
    static final class Resume extends Control {
        @Override
        String action() {
            return "resume";
        }
    }

    /** {@code kompira terminate}. */
    @Command(name = "terminate", mixinStandardHelpOptions = true,
            description = {"Terminates a process of a running kompira serve; prints its pid and state.",
                "The token needs the operator role."})
    static final class Terminate extends Control {
        @Override
        String action() {
            return "terminate";
        }
    }
}
