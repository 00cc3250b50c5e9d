package dev.kompira.core.mail;

import java.time.Duration;

/**
 * Where and how to submit mail: an SmtpServer object's fields (objects.md §4.21) with its defaults
 * applied. Immutable.
 *
 * @param host     the server's host name ({@code localhost} when the object leaves it empty)
 * @param port     the port (25, or 587 with STARTTLS, or 465 with SMTPS when the object leaves it unset)
 * @param username the login, or Java null for none
 * @param password the password, or Java null
 * @param timeout  the limit for connecting and for each read and write, or Java null for the system's
 * @param startTls whether to switch to TLS with STARTTLS (and refuse a server that does not offer it)
 * @param ssl      whether to speak TLS from the start (SMTPS)
 */
public record SmtpSettings(String host, int port, String username, String password, Duration timeout, boolean startTls,
        boolean ssl) {

    /** The server used when a flow passes {@code smtp_server=null}: {@code localhost:25} without authentication. */
    public static final SmtpSettings LOCALHOST = new SmtpSettings("localhost", 25, null, null, null, false, false);

    /** Checks the settings. */
    public SmtpSettings {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("an SMTP server needs a host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        if (startTls && ssl) {
            throw new IllegalArgumentException("use either STARTTLS or SMTPS, not both");
        }
    }

    /** Returns whether the server wants a login: both user name and password are set (objects.md §4.21). */
    public boolean authenticates() {
        return username != null && !username.isEmpty() && password != null && !password.isEmpty();
    }

    /** Returns {@code host:port}, for messages. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SmtpSettings[" + endpoint() + (ssl ? ", SMTPS" : startTls ? ", STARTTLS" : "")
                + (authenticates() ? ", user " + username : "") + "]";
    }
}
