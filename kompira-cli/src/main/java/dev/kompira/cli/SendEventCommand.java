package dev.kompira.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira send-event --server URL [--channel PATH] [--json] [MESSAGE | -]}: sends one message to
 * a Channel of a running server (Kompira's {@code kompira_sendevt}), as text, or as the value a JSON
 * text gives with {@code --json}; {@code -} reads it from standard input.
 */
@Command(name = "send-event",
        mixinStandardHelpOptions = true,
        description = {"Sends a message to a Channel of a running kompira serve (docs/server.md): a flow waiting on "
                + "the channel receives it, else the channel's action or queue takes it.",
                "The token comes from KOMPIRA_TOKEN or --token-file; it needs the operator role."})
final class SendEventCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ServerOption server = new ServerOption();

    @Option(names = "--channel", paramLabel = "PATH", description = "The Channel object (default: /system/channels/Alert).")
    String channel = "/system/channels/Alert";

    @Option(names = "--json", description = "The message is JSON: send the value it gives (a Dictionary for an object) "
            + "rather than its text.")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "MESSAGE", description = "The message; - or nothing reads it from standard input.")
    String message;

    /** Standard input, for {@code -}; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        byte[] body = message == null || message.equals("-") ? readStdin() : message.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.api("/channels" + ServerOption.objectPath(channel) + "/messages"))
                .header("Content-Type", json ? "application/json" : "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        server.send(request);
        return 0;
    }

    private byte[] readStdin() {
        try {
            return stdin.readAllBytes();
        } catch (IOException e) {
            throw new UserError("cannot read the message from standard input: " + e.getMessage(), e);
        }
    }
}
