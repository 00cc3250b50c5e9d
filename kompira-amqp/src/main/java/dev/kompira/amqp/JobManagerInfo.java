package dev.kompira.amqp;

/**
 * What a running job manager says about itself when asked ({@link JobManagers#list}).
 *
 * @param name        its liveness queue, unique among job managers
 * @param realm       the realm whose commands it runs
 * @param host        the name of its machine
 * @param concurrency how many commands it runs at once at most
 * @param running     how many commands it runs now
 */
public record JobManagerInfo(String name, String realm, String host, int concurrency, int running) {
}
