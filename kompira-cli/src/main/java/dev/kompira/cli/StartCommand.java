package dev.kompira.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira start --server URL JOBFLOW [NAME=VALUE | NAME:=JSON]... [--wait] [--checkpoint]}: starts a
 * Jobflow object of a running server and prints the new process's pid; with {@code --wait}, waits for
 * it to end and exits with its exit status, as {@code kompira run} does.
 */
@Command(name = "start",
        mixinStandardHelpOptions = true,
        description = {"Starts a Jobflow object of a running kompira serve (docs/server.md) and prints the process's pid.",
                "Parameters are NAME=VALUE (a String) or NAME:=JSON (the value the JSON gives: 42, true, [1, 2], {\"a\": 1}).",
                "With --wait it waits for the process to end and exits with its exit status, as kompira run does "
                        + "(kompira console --follow PID shows its console).",
                "The token comes from KOMPIRA_TOKEN or --token-file; it needs the operator role."})
final class StartCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Mixin
    ServerOption server = new ServerOption();

    @Parameters(index = "0", paramLabel = "JOBFLOW", description = "The absolute path of the Jobflow object, such as /flows/deploy.")
    String jobflow;

    @Parameters(index = "1..*", paramLabel = "PARAM", description = "NAME=VALUE (a String) or NAME:=JSON.")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--wait", description = "Wait for the process to end; exit with its exit status.")
    boolean waitForEnd;

    @Option(names = "--checkpoint", description = "Run it in checkpoint mode: it survives a restart of the server.")
    boolean checkpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ObjectNode body = JSON.createObjectNode().put("path", jobflow);
        if (checkpoint) {
            body.put("checkpoint", true);
        }
        body.set("parameters", parameterValues());
        HttpRequest.Builder request = HttpRequest.newBuilder(server.api("/processes"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        JsonNode process = server.sendJson(request);
        long pid = process.get("pid").asLong();
        PrintWriter out = spec.commandLine().getOut();
        out.println(pid);
        out.flush();
        return waitForEnd ? ConsoleStream.exitCode(ConsoleStream.follow(server, pid, null)) : 0;
    }

    private ObjectNode parameterValues() {
        ObjectNode values = JSON.createObjectNode();
        for (String p : parameters) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == 1 && p.charAt(0) == ':') {
                throw new UserError("a parameter is NAME=VALUE or NAME:=JSON, got '" + p + "'");
            }
            if (p.charAt(eq - 1) == ':') {
                String name = p.substring(0, eq - 1);
                try {
                    values.set(name, JSON.readTree(p.substring(eq + 1)));
                } catch (JsonProcessingException e) {
                    throw new UserError("parameter " + name + ": not JSON: " + e.getOriginalMessage(), e);
                }
            } else {
                values.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return values;
    }
}
