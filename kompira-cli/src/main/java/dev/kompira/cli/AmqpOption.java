package dev.kompira.cli;

import dev.kompira.amqp.AmqpTransport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of {@code kompira run} and {@code kompira serve} that send remote work to job managers
 * over a RabbitMQ broker (docs/jobmanagers.md): the broker, whether secrets may travel without TLS,
 * and how long a lost broker is waited for.
 */
final class AmqpOption {

    @Option(names = "--amqp", paramLabel = "URI", description = "Send each command that names a host or __realm__ "
            + "to a job manager of its realm (/config/realms) through this RabbitMQ broker: amqp://user:password@host:port/vhost "
            + "(amqps:// for TLS). Start them with kompira jobmanager; see docs/jobmanagers.md.")
    URI amqp;

    @Option(names = "--insecure-amqp", description = "With --amqp URI: let passwords and passphrases travel to job "
            + "managers over amqp:// without TLS (by default such commands fail with $STATUS -1).")
    boolean insecureAmqp;

    @Option(names = "--reconnect", paramLabel = "SECONDS", defaultValue = "60", description = "With --amqp URI: how "
            + "long to connect again after losing the broker, the commands sent still waited for, before they fail "
            + "with $STATUS -1 (default: ${DEFAULT-VALUE}; 0: fail them at once).")
    long reconnectSeconds;

    /** Returns the transport to the job managers these options ask for, or null without {@code --amqp}. */
    AmqpTransport transport() {
        if (amqp == null) {
            return null;
        }
        if (reconnectSeconds < 0) {
            throw new UserError("--reconnect must be 0 or more seconds, not " + reconnectSeconds);
        }
        try {
            return AmqpTransport.connect(amqp, insecureAmqp, Duration.ofSeconds(reconnectSeconds));
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
