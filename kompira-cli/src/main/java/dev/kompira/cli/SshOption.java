package dev.kompira.cli;

import dev.kompira.ssh.HostKeyPolicy;
import dev.kompira.ssh.SshOptions;
import dev.kompira.ssh.SshTransport;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The SSH options of {@code kompira run} and {@code kompira jobmanager}: which known-hosts file to trust and whether hosts met for
 * the first time are recorded (docs/ssh.md). Without them the engine's default SSH transport uses
 * {@code ~/.ssh/known_hosts} and rejects unknown hosts.
 */
final class SshOption {

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "The known_hosts file (OpenSSH format) that "
            + "host keys are checked against; default ~/.ssh/known_hosts.")
    Path knownHosts;

    @Option(names = "--accept-new-hosts", description = "Accept and record the key of a host that the known_hosts file "
            + "does not list yet (a changed key is still refused).")
    boolean acceptNewHosts;

    /** Returns the transport these options ask for, or null when the defaults apply. */
    SshTransport transport() {
        if (knownHosts == null && !acceptNewHosts) {
            return null;
        }
        SshOptions options = SshOptions.defaults();
        if (knownHosts != null) {
            options = options.withKnownHosts(knownHosts);
        }
        return new SshTransport(acceptNewHosts ? options.withHostKeyPolicy(HostKeyPolicy.ACCEPT_NEW) : options);
    }
}
