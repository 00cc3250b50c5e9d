package dev.kompira.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the SSH transport connects: where the known hosts are and what to do with unknown ones, how
 * long connecting may take, how long an idle cached connection stays open, and how many commands
 * may share one connection.
 *
 * @param knownHosts            the known-hosts file (OpenSSH format, hashed entries too)
 * @param hostKeyPolicy         what to do with hosts the file does not list
 * @param connectTimeout        the longest a connection and login may take
 * @param idleTimeout           how long a cached connection with no command stays open
 * @param sessionsPerConnection the most commands running at once on one connection (OpenSSH's
 *                              {@code MaxSessions} is 10); more open further connections
 * @param connectionsPerHost    the most cached connections to one host and login; further commands
 *                              wait for a free slot (OpenSSH's {@code MaxStartups} refuses floods)
 */
public record SshOptions(Path knownHosts, HostKeyPolicy hostKeyPolicy, Duration connectTimeout, Duration idleTimeout,
        int sessionsPerConnection, int connectionsPerHost) {

    /** Checks the components. */
    public SshOptions {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (sessionsPerConnection < 1 || connectionsPerHost < 1) {
            throw new IllegalArgumentException("sessionsPerConnection and connectionsPerHost must be at least 1, not "
                    + sessionsPerConnection + " and " + connectionsPerHost);
        }
    }

    /**
     * The defaults: {@code ~/.ssh/known_hosts}, unknown hosts rejected, 30 seconds to connect, idle
     * connections closed after 60 seconds, 8 commands per connection, 4 connections per host.
     */
    public static SshOptions defaults() {
        return new SshOptions(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), HostKeyPolicy.REJECT_UNKNOWN,
                Duration.ofSeconds(30), Duration.ofSeconds(60), 8, 4);
    }

    /** Returns these options with another known-hosts file. */
    public SshOptions withKnownHosts(Path file) {
        return new SshOptions(file, hostKeyPolicy, connectTimeout, idleTimeout, sessionsPerConnection, connectionsPerHost);
    }

    /** Returns these options with another policy for unknown hosts. */
    public SshOptions withHostKeyPolicy(HostKeyPolicy policy) {
        return new SshOptions(knownHosts, policy, connectTimeout, idleTimeout, sessionsPerConnection, connectionsPerHost);
    }

    /** Returns these options with another connect timeout. */
    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(knownHosts, hostKeyPolicy, timeout, idleTimeout, sessionsPerConnection, connectionsPerHost);
    }

    /** Returns these options with another idle time for cached connections. */
    public SshOptions withIdleTimeout(Duration idle) {
        return new SshOptions(knownHosts, hostKeyPolicy, connectTimeout, idle, sessionsPerConnection, connectionsPerHost);
    }

    /** Returns these options with other bounds on commands per connection and connections per host. */
    public SshOptions withBounds(int sessions, int connections) {
        return new SshOptions(knownHosts, hostKeyPolicy, connectTimeout, idleTimeout, sessions, connections);
    }
}
