package dev.kompira.cli;

import dev.kompira.amqp.JobManager;
import dev.kompira.core.transport.LocalTransport;
import dev.kompira.ssh.SshTransport;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kompira jobmanager}: a job manager that runs the commands of one realm, taken from an AMQP
 * broker (docs/jobmanagers.md), until it is stopped (SIGTERM, Ctrl-C) or loses the broker for longer
 * than {@code --reconnect}. SSH
 * commands check host keys as {@code kompira run} does ({@code --known-hosts}, {@code --accept-new-hosts}).
 */
@Command(name = "jobmanager",
        mixinStandardHelpOptions = true,
        subcommands = JobManagerListCommand.class,
        description = "Run the commands of one realm, taken from a RabbitMQ broker, near their targets "
                + "(kompira jobmanager list: the job managers of a broker).")
final class JobManagerCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    SshOption ssh = new SshOption();

    @Option(names = "--amqp", paramLabel = "URI",
            description = "The broker: amqp://user:password@host:port/vhost (amqps:// for TLS; required).")
    URI amqp;

    @Option(names = "--realm", paramLabel = "NAME", description = "The realm whose commands to run (required).")
    String realm;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "How many commands to run at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--reconnect", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to connect again after losing the broker, commands running on, before giving up "
                    + "with exit status 2 (default: ${DEFAULT-VALUE}; 0: give up at once).")
    long reconnectSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (amqp == null || realm == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "kompira jobmanager needs --amqp URI and --realm NAME");
        }
        if (concurrency < 1) {
            throw new UserError("--concurrency must be at least 1, not " + concurrency);
        }
        if (reconnectSeconds < 0) {
            throw new UserError("--reconnect must be 0 or more seconds, not " + reconnectSeconds);
        }
        JobManager manager;
        try {
            SshTransport sshTransport = ssh.transport();
            manager = JobManager.start(amqp, realm, concurrency,
                    List.of(sshTransport != null ? sshTransport : new SshTransport(), new LocalTransport()),
                    java.time.Duration.ofSeconds(reconnectSeconds));
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
        Thread stop = new Thread(manager::close, "kompira-jobmanager-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        spec.commandLine().getErr().println("kompira: job manager " + manager.name() + " runs the commands of realm '"
                + realm + "' (up to " + concurrency + " at once)");
        java.util.Optional<String> lost;
        try {
            lost = manager.awaitClosed();
        } finally {
            manager.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting and the hook is running or has run
            }
        }
        if (lost.isPresent()) {
            throw new UserError("job manager " + manager.name() + ": " + lost.get());
        }
        spec.commandLine().getErr().println("kompira: job manager " + manager.name() + " stopped");
        return 0;
    }
}
