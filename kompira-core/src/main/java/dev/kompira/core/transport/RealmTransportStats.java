package dev.kompira.core.transport;

import java.util.List;

/**
 * A snapshot of a {@link RealmTransport}'s state, for metrics: its link to the job managers and
 * what it has done per realm ({@link RealmTransport#stats()}).
 *
 * @param connected      whether the link to the job managers (a broker connection) is up now
 * @param reconnections  how often the link was made again after a loss
 * @param realms         the realms sent to since the transport was made, by name
 */
public record RealmTransportStats(boolean connected, long reconnections, List<RealmStats> realms) {

    /** Copies {@code realms}. */
    public RealmTransportStats {
        realms = List.copyOf(realms);
    }
}
