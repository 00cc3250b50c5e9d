package dev.kompira.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * A message whose header fields stay in the order they were set (D116 fixes the order), with a
 * Message-ID of our own. Jakarta Mail would otherwise sort known fields into its own order and make
 * up a Message-ID when the message is saved. Not thread-safe.
 */
final class OrderedMimeMessage extends MimeMessage {

    private final String messageId;

    OrderedMimeMessage(Session session, String messageId) {
        super(session);
        this.headers = new InsertionOrderHeaders();
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }

    /** Jakarta Mail adds Content-Transfer-Encoding before Content-Type; D116 wants it last. */
    @Override
    protected synchronized void updateHeaders() throws MessagingException {
        super.updateHeaders();
        ((InsertionOrderHeaders) headers).moveToEnd("Content-Transfer-Encoding");
    }

    /** Header fields without Jakarta Mail's preset slots: a new field goes after those already set. */
    private static final class InsertionOrderHeaders extends InternetHeaders {

        InsertionOrderHeaders() {
            headers.clear();
        }

        /** Moves the field {@code name} after all others (a removed field keeps an empty slot, so remove and add would not). */
        void moveToEnd(String name) {
            List<InternetHeader> moved = headers.stream().filter(h -> h.getName().equalsIgnoreCase(name)).toList();
            headers.removeAll(moved);
            headers.addAll(moved);
        }
    }
}
