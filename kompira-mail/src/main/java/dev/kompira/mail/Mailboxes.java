package dev.kompira.mail;

import dev.kompira.core.mail.MailException;
import dev.kompira.core.mail.MailboxSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads IMAP4 and POP3 mailboxes for MailChannel objects (objects.md §4.20). Every poll and check opens
 * a fresh connection: polls are minutes apart. Stateless and thread-safe; called on the mail I/O threads.
 */
final class Mailboxes {

    private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);

    /** Connects, logs in, opens the mailbox and disconnects. */
    void check(MailboxSettings server) {
        try (Store store = connect(server)) {
            Folder folder = store.getFolder(folderName(server));
            folder.open(Folder.READ_ONLY);
            folder.close(false);
        } catch (MessagingException e) {
            throw failure(server, e);
        }
    }

    /** Gives each waiting mail to {@code deliver}, then deletes it or marks it seen; returns how many it gave. */
    int fetch(MailboxSettings server, Consumer<byte[]> deliver) {
        try (Store store = connect(server)) {
            Folder folder = store.getFolder(folderName(server));
            folder.open(Folder.READ_WRITE);
            int delivered = 0;
            boolean expunge = false;
            try {
                Message[] mails = server.markSeen()
                        ? folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)) : folder.getMessages();
                for (Message mail : mails) {
                    byte[] raw = read(server, mail);
                    if (raw == null) {
                        continue;
                    }
                    deliver.accept(raw);
                    delivered++;
                    // only once the mail is in the channel: a connection lost before this gives it again next time
                    mail.setFlag(server.markSeen() ? Flags.Flag.SEEN : Flags.Flag.DELETED, true);
                    expunge |= !server.markSeen();
                }
            } finally {
                if (folder.isOpen()) {
                    folder.close(expunge);
                }
            }
            return delivered;
        } catch (MessagingException e) {
            throw failure(server, e);
        }
    }

    /** The raw bytes of {@code mail} as the server has them, or Java null (logged) when they cannot be read. */
    private static byte[] read(MailboxSettings server, Message mail) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            mail.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            if (!mail.getFolder().getStore().isConnected()) {
                throw e instanceof MessagingException m ? m : new MessagingException(e.getMessage(), e);
            }
            LOG.warn("mail {} on the {} cannot be read and stays there: {}", mail.getMessageNumber(), server.endpoint(),
                    SmtpSessions.details(e));
            return null;
        }
    }

    private static String folderName(MailboxSettings server) {
        return server.pop3() ? "INBOX" : server.mailbox();
    }

    private static Store connect(MailboxSettings server) throws MessagingException {
        String protocol = (server.pop3() ? "pop3" : "imap") + (server.ssl() ? "s" : "");
        Store store = Session.getInstance(properties(server, protocol)).getStore(protocol);
        store.connect(server.host(), server.port() == 0 ? -1 : server.port(), server.username(), server.password());
        return store;
    }

    private static Properties properties(MailboxSettings server, String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        String millis = Long.toString(server.timeout().toMillis());
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        // as for SMTP (J162), Kompira does not verify the mail server's certificate
        p.setProperty(prefix + "ssl.trust", "*");
        p.setProperty(prefix + "ssl.checkserveridentity", "false");
        return p;
    }

    private static MailException failure(MailboxSettings server, MessagingException e) {
        String what = e instanceof AuthenticationFailedException ? "the " + server.endpoint() + " refused the login"
                : "cannot read the mailbox " + folderName(server) + " on the " + server.endpoint();
        return new MailException(what + ": " + SmtpSessions.details(e), e);
    }
}
