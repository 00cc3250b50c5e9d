package dev.kompira.core.mail;

import java.time.Duration;

/**
 * Where and how to read mail: a MailChannel object's fields (objects.md §4.20) with their defaults
 * applied. Immutable.
 *
 * @param host      the server's host name ({@code localhost} when the object leaves it empty)
 * @param port      the port, or 0 for the protocol's default (143, 993 with SSL; 110, 995 with SSL)
 * @param pop3      whether the server speaks POP3 rather than IMAP4
 * @param ssl       whether to speak TLS from the start
 * @param username  the login, or Java null for none
 * @param password  the password, or Java null
 * @param timeout   the limit for connecting and for each answer
 * @param mailbox   the IMAP folder ({@code INBOX} by default; POP3 has only that one)
 * @param markSeen  whether to fetch only unseen mail and mark it seen ({@code ReceiveUnseenAndSetSeen},
 *                  IMAP only) rather than fetch all mail and delete it ({@code ReceiveAllAndDelete})
 */
public record MailboxSettings(String host, int port, boolean pop3, boolean ssl, String username, String password,
        Duration timeout, String mailbox, boolean markSeen) {

    /** Checks the settings. */
    public MailboxSettings {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a mail server needs a host name");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        if (pop3 && markSeen) {
            throw new IllegalArgumentException("POP3 mailboxes can only be read with ReceiveAllAndDelete");
        }
    }

    /** Returns the protocol's name and {@code host:port}, for messages and logs. */
    public String endpoint() {
        return (pop3 ? "POP3" : "IMAP4") + " server " + host + (port == 0 ? "" : ":" + port);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "MailboxSettings[" + endpoint() + (ssl ? ", SSL" : "") + (username == null ? "" : ", user " + username)
                + ", " + mailbox + (markSeen ? ", mark seen" : ", delete") + "]";
    }
}
