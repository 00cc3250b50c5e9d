package dev.kompira.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Follows the console of a process of a running server ({@code GET /api/v1/processes/{pid}/console?follow=true},
 * Server-Sent Events) until the process ends: writes each {@code console} event's text as it comes and
 * returns the {@code end} event. Used by {@code kompira console --follow} and {@code kompira start --wait}.
 */
final class ConsoleStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleStream() {
    }

    /**
     * Follows process {@code pid}; writes its console to {@code out} (null: nowhere) and returns the
     * {@code end} event: {@code {"pid", "state", "exit_status"}}.
     *
     * @throws UserError when the server refuses, cannot be reached, or closes the stream before the end
     */
    static JsonNode follow(ServerOption server, long pid, PrintWriter out) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.api("/processes/" + pid + "/console?follow=true"))
                .header("Accept", "text/event-stream").GET();
        HttpResponse<Stream<String>> answer = server.send(request, HttpResponse.BodyHandlers.ofLines(),
                lines -> lines.collect(Collectors.joining("\n")));
        try (Stream<String> lines = answer.body()) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (Iterator<String> it = lines.iterator(); it.hasNext();) {
                String line = it.next();
                if (line.isEmpty()) {
                    JsonNode value = data.isEmpty() ? null : JSON.readTree(data.toString());
                    if (event.equals("end")) {
                        return value != null ? value : JSON.createObjectNode();
                    }
                    if (event.equals("console") && value != null && out != null) {
                        out.print(value.asText());
                        out.flush();
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
                // ':' lines are keep-alive comments
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("lost the console stream of process " + pid + ": " + e.getMessage(), e);
        }
        throw new UserError("the server closed the console stream before process " + pid + " ended");
    }

    /** Returns the exit code for the {@code end} event (or process view) {@code end}, as {@code kompira run} has it. */
    static int exitCode(JsonNode end) {
        JsonNode status = end.get("exit_status");
        return status == null || status.isNull() ? 1 : RunCommand.exitCode(status.asLong());
    }
}
