package dev.kompira.mail;

import dev.kompira.core.mail.MailException;
import dev.kompira.core.mail.SmtpSettings;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * SMTP conversations with one server (objects.md §4.21): plain, STARTTLS (required once asked for) or
 * SMTPS, with a login when the server has both a user name and a password. Like Kompira, which sends
 * with Python's {@code smtplib}, it does not verify the server's certificate. A connection that sent a
 * mail is kept open for {@value #IDLE_MILLIS} ms and sends the next mail for the same settings, after a
 * NOOP shows it still works (J169): greeting, EHLO, TLS and login are paid once for a burst of mails.
 * The calls block, so callers run them on an I/O thread. Thread-safe; {@link #close()} closes the idle
 * connections.
 */
final class SmtpSessions implements AutoCloseable {

    /** How long a connection may wait for the next mail. */
    static final long IDLE_MILLIS = 10_000;

    private final String localHost;
    private final ConcurrentHashMap<SmtpSettings, Deque<Idle>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A connection waiting for the next mail, since {@code since} (System.nanoTime). */
    private record Idle(Transport transport, long since) {
    }

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

    /** Sends {@code message} to {@code recipients} through {@code server}, on an idle connection when there is one. */
    void send(SmtpSettings server, MimeMessage message, Address[] recipients) {
        Transport transport = reuse(server);
        boolean sent = false;
        try {
            if (transport == null) {
                transport = connect(server);
            }
            transport.sendMessage(message, recipients);
            sent = true;
        } catch (MessagingException e) {
            throw failure(server, e);
        } finally {
            if (sent) {
                keep(server, transport);
            } else {
                quietlyClose(transport);
            }
        }
    }

    /** An idle connection to {@code server} that still answers, or Java null; expired ones are closed. */
    private Transport reuse(SmtpSettings server) {
        Deque<Idle> waiting = idle.get(server);
        for (Idle i; waiting != null && (i = waiting.pollFirst()) != null;) {
            if (System.nanoTime() - i.since() < IDLE_MILLIS * 1_000_000 && i.transport().isConnected()) {
                return i.transport();
            }
            quietlyClose(i.transport());
        }
        return null;
    }

    private void keep(SmtpSettings server, Transport transport) {
        idle.computeIfAbsent(server, s -> new ConcurrentLinkedDeque<>()).addFirst(new Idle(transport, System.nanoTime()));
        if (closed) {
            close();
        }
    }

    private static void quietlyClose(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException alreadyGone) {
                // the server went away first: nothing left to close
            }
        }
    }

    /** Closes the idle connections; later mails open their own and close them when done. */
    @Override
    public void close() {
        closed = true;
        idle.values().forEach(waiting -> {
            for (Idle i; (i = waiting.pollFirst()) != null;) {
                quietlyClose(i.transport());
            }
        });
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
        } else if (e instanceof MailConnectException) {
            what = "cannot connect to the SMTP server " + server.endpoint();
        } else {
            what = "SMTP conversation with " + server.endpoint() + " failed";
        }
        return new MailException(what + ": " + details(e), e);
    }

    /** The messages of an exception and of those it chains, each once. */
    static String details(Throwable e) {
        Set<String> messages = new LinkedHashSet<>();
        Set<Throwable> visited = new HashSet<>();
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
