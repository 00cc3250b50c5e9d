package dev.kompira.cli;

import dev.kompira.amqp.JobManagerInfo;
import dev.kompira.amqp.JobManagers;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kompira jobmanager list}: the job managers connected to a broker, their realms and what they run. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = "List the job managers connected to a RabbitMQ broker: realm, name, host, commands running.")
final class JobManagerListCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--amqp", required = true, paramLabel = "URI",
            description = "The broker: amqp://user:password@host:port/vhost (amqps:// for TLS).")
    URI amqp;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "1",
            description = "How long to wait for answers (default: ${DEFAULT-VALUE}).")
    double waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
        List<JobManagerInfo> found;
        try {
            found = JobManagers.list(amqp, Duration.ofMillis((long) (waitSeconds * 1000)));
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("kompira: no job manager answered within " + waitSeconds + " s");
            return 0;
        }
        out.printf("%-12s %-60s %-20s %s%n", "REALM", "NAME", "HOST", "RUNNING");
        for (JobManagerInfo j : found) {
            out.printf("%-12s %-60s %-20s %d/%d%n", j.realm(), j.name(), j.host(), j.running(), j.concurrency());
        }
        out.flush();
        return 0;
    }
}
