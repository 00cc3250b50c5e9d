/**
 * The SSH transport (docs/ssh.md): commands of jobflows run on remote hosts over SSH with
 * sshj. {@link dev.kompira.ssh.SshTransport} is found by the engine through {@link java.util.ServiceLoader}
 * with default {@link dev.kompira.ssh.SshOptions}, or given to {@code Kompira.builder().transport(...)}
 * with options of one's own. API: the transport, its options and {@link dev.kompira.ssh.HostKeyPolicy};
 * the rest of the package is package-private.
 *
 * <p>The transport is thread-safe and shares cached connections between concurrent commands; options
 * are immutable.
 */
package dev.kompira.ssh;
