package dev.kompira.core.transport;

/**
 * What a {@link RealmTransport} has done for one realm since it was made: the requests (commands,
 * {@code put}/{@code get}) it waits for now, and counts that only grow.
 *
 * @param realm        the realm's name
 * @param waiting      requests sent and not yet started by a job manager (in the realm's queue, or held while the
 *                     broker is away)
 * @param running      requests a job manager has started and not yet answered
 * @param sent         requests sent to the realm
 * @param completed    requests a job manager answered with their outcome, whatever the exit status
 * @param lost         requests that failed because their job manager was lost while it ran them
 * @param deadLettered requests the job managers refused for good (they could not read them, or they kept stopping
 *                     them) and moved to the dead letters
 */
public record RealmStats(String realm, int waiting, int running, long sent, long completed, long lost, long deadLettered) {
}
