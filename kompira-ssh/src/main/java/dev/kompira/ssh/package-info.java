/**
 * The SSH transport (ARCHITECTURE.md §6): commands of jobflows run on remote hosts over SSH with
 * sshj. {@link dev.kompira.ssh.SshTransport} is found by the engine through {@link java.util.ServiceLoader}
 * with default {@link dev.kompira.ssh.SshOptions}, or given to {@code Kompira.builder().transport(...)}
 * with options of one's own.
 */
package dev.kompira.ssh;
