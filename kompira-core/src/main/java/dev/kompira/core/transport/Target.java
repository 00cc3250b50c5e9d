package dev.kompira.core.transport;

/**
 * Where a command runs, resolved from the control variables (language.md §6.6, D58). A
 * {@code null} host means the engine's own machine.
 *
 * @param conntype   the connection type ({@code local}, {@code ssh}, ...)
 * @param host       the host name or address, or {@code null} for local execution
 * @param port       the port, or 0 for the connection type's default
 * @param user       the login user, or {@code null} for the default
 * @param password   the login (and sudo) password, or {@code null}
 * @param keyfile    the private key file, or {@code null}
 * @param passphrase the key's passphrase, or {@code null}
 * @param proxy      the SSH jump host to connect through ({@code __proxy__}), itself possibly behind
 *                   another, or {@code null} for a direct connection
 */
public record Target(String conntype, String host, int port, String user, String password, String keyfile,
        String passphrase, Target proxy) {

    /** The engine's own machine. */
    public static final Target LOCAL = new Target("local", null, 0, null, null, null, null);

    /** A target reached directly, without a jump host. */
    public Target(String conntype, String host, int port, String user, String password, String keyfile, String passphrase) {
        this(conntype, host, port, user, password, keyfile, passphrase, null);
    }

    /** Returns this target reached through {@code jumpHost} (null: directly). */
    public Target withProxy(Target jumpHost) {
        return new Target(conntype, host, port, user, password, keyfile, passphrase, jumpHost);
    }

    /** Returns the target with secrets hidden, for logs and messages. */
    @Override
    public String toString() {
        return conntype + (host == null ? "" : "://" + (user == null ? "" : user + "@") + host + (port == 0 ? "" : ":" + port))
                + (proxy == null ? "" : " via " + proxy);
    }
}
