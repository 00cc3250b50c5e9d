package dev.kompira.ssh;

import dev.kompira.core.transport.Target;

/**
 * What a cached connection is for: a host, port and login with its credentials, and the jump host it
 * is reached through. Two commands share a connection only when all of these are equal.
 */
record Endpoint(String host, int port, String user, String password, String keyfile, String passphrase, Endpoint proxy) {

    /** The SSH port when a target names none. */
    static final int DEFAULT_PORT = 22;

    /** The endpoint of {@code target}; the login user defaults to the engine's OS user, as OpenSSH's does. */
    static Endpoint of(Target target) {
        return new Endpoint(target.host(), target.port() == 0 ? DEFAULT_PORT : target.port(),
                target.user() != null ? target.user() : System.getProperty("user.name"), target.password(), target.keyfile(),
                target.passphrase(), target.proxy() == null ? null : of(target.proxy()));
    }

    /** {@code user@host:port} (and {@code via} its jump host), without the credentials, for messages. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port + (proxy == null ? "" : " via " + proxy);
    }
}
