package dev.kompira.core.transport;

import java.time.Duration;

/** How a command ended (language.md §8.2.3, §14.4). */
public sealed interface CommandResult {

    /**
     * The command ran and exited (or was killed by a signal: status 128 + n, D70).
     *
     * @param exitStatus the exit status
     * @param stdout     everything written to standard output
     * @param stderr     everything written to standard error
     */
    record Completed(int exitStatus, byte[] stdout, byte[] stderr) implements CommandResult {
    }

    /**
     * The target could not be reached or logged into, or the command could not be started.
     *
     * @param reason what went wrong, for {@code $ERROR}
     */
    record Unreachable(String reason) implements CommandResult {
    }

    /**
     * The command ran longer than its timeout and was killed with its process group.
     *
     * @param after the timeout that expired
     */
    record TimedOut(Duration after) implements CommandResult {
    }
}
