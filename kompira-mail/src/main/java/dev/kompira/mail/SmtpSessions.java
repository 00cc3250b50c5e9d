package dev.kompira.mail;

import dev.kompira.core.mail.MailException;
import dev.kompira.core.mail.SmtpSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

/**
 * SMTP conversations with one server (objects.md §4.21): plain, STARTTLS (required once asked for) or
 * SMTPS, with a login when the server has both a user name and a password. Like Kompira, which sends
 * with Python's {@code smtplib}, it does not verify the server's certificate. Each call opens its own
 * connection; they block, so callers run them on an I/O thread. Thread-safe.
 */
final class SmtpSessions {

    private final String localHost;

    /** {@code localHost} is the name this host gives in its greeting (EHLO). */
    SmtpSessions(String localHost) {
        this.localHost = localHost;
    }

    /** This host's name for the greeting, looked up once: a lookup per mail could cost a DNS timeout each time. */
    static String lookUpLocalHost() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException unknown) {
            return "localhost";
        }
    }

    /** Sends {@code message} to {@code recipients} through {@code server}. */
    void send(SmtpSettings server, MimeMessage message, jakarta.mail.Address[] recipients) {
        try (Transport transport = connect(server)) {
            transport.sendMessage(message, recipients);
        } catch (MessagingException e) {
            throw failure(server, e);
        }
    }

    /** Connects, starts TLS and logs in as configured, then says goodbye ({@code conn_check()}). */
    void check(SmtpSettings server) {
        try (Transport transport = connect(server)) {
            if (!transport.isConnected()) {
                throw new MailException("cannot connect to the SMTP server " + server.endpoint());
            }
        } catch (MessagingException e) {
            throw failure(server, e);
        }
    }

    private Transport connect(SmtpSettings server) throws MessagingException {
        String protocol = server.ssl() ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(server, protocol));
        Transport transport = session.getTransport(protocol);
        if (server.authenticates()) {
            transport.connect(server.host(), server.port(), server.username(), server.password());
        } else {
            transport.connect(server.host(), server.port(), null, null);
        }
        return transport;
    }

    private Properties properties(SmtpSettings server, String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        p.setProperty(prefix + "host", server.host());
        p.setProperty(prefix + "port", Integer.toString(server.port()));
        p.setProperty(prefix + "localhost", localHost);
        p.setProperty(prefix + "auth", Boolean.toString(server.authenticates()));
        if (server.timeout() != null) {
            String millis = Long.toString(server.timeout().toMillis());
            p.setProperty(prefix + "connectiontimeout", millis);
            p.setProperty(prefix + "timeout", millis);
        }
        if (server.startTls()) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        p.setProperty(prefix + "ssl.trust", "*");
        p.setProperty(prefix + "ssl.checkserveridentity", "false");
        return p;
    }

    /** What went wrong, in the words of the server where it answered. */
    private static MailException failure(SmtpSettings server, MessagingException e) {
        String what;
        if (e instanceof AuthenticationFailedException) {
            what = "the SMTP server " + server.endpoint() + " refused the login";
        } else if (e instanceof SendFailedException) {
            what = "the SMTP server " + server.endpoint() + " refused the mail";
        } else if (e instanceof org.eclipse.angus.mail.util.MailConnectException) {
            what = "cannot connect to the SMTP server " + server.endpoint();
        } else {
            what = "SMTP conversation with " + server.endpoint() + " failed";
        }
        return new MailException(what + ": " + details(e), e);
    }

    /** The messages of an exception and of those it chains, each once. */
    private static String details(Throwable e) {
        Set<String> messages = new LinkedHashSet<>();
        Set<Throwable> visited = new java.util.HashSet<>();
        for (Throwable t = e; t != null && visited.add(t); t = next(t)) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !m.startsWith("Couldn't connect to host")) {
                messages.add(m.strip().replaceAll("\\s+", " "));
            }
        }
        return messages.isEmpty() ? e.getClass().getSimpleName() : String.join("; ", messages);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause();
    }
}
