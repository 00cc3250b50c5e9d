package dev.kompira.amqp;

import java.net.URI;

/**
 * An engine in a JVM of its own, for the fault tests: {@code EngineMain URI REALM COMMAND} sends the
 * shell command to the realm, prints {@code sent REPLY-QUEUE}, and waits for its result until it is
 * killed.
 */
public final class EngineMain {

    private EngineMain() {
    }

    public static void main(String[] args) throws Exception {
        AmqpTransport engine = AmqpTransport.connect(URI.create(args[0]));
        var result = engine.execute(args[1], AmqpTransportTest.shell(args[2], new byte[0], null));
        System.out.println("sent " + engine.replyQueue());
        System.out.flush();
        result.toCompletableFuture().get();
    }
}
