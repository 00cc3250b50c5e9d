package dev.kompira.core.transport;

/**
 * A job manager as it answers when asked who is there ({@link RealmTransport#jobManagers}).
 *
 * @param name        its name, unique among the job managers of its broker
 * @param realm       the realm whose commands it runs
 * @param host        the name of its machine
 * @param concurrency how many commands it runs at once at most
 * @param running     how many commands it runs now
 */
public record JobManagerStatus(String name, String realm, String host, int concurrency, int running) {
}
