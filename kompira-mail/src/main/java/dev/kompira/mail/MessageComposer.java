package dev.kompira.mail;

import dev.kompira.core.mail.MailDraft;
import dev.kompira.core.mail.MailException;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the MIME message of a {@link MailDraft} (D116): the header fields in their fixed order, a
 * text or HTML body or both as {@code multipart/alternative}, attachments in {@code multipart/mixed},
 * or inline in {@code multipart/related} with Content-IDs the bodies can name. Stateless.
 */
final class MessageComposer {

    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private MessageComposer() {
    }

    /** A built message and the addresses it goes to. */
    record Composed(MimeMessage message, Recipients recipients) {
    }

    /** Builds the message of {@code draft}; an invalid draft is a {@link MailException}. */
    static Composed compose(Session session, MailDraft draft) {
        Recipients recipients = Recipients.of(draft);
        String domain = domainOf(recipients.from());
        // lower case, as Python's email package writes it: Kompira's mail looks the same
        String charset = draft.charset().name().toLowerCase(Locale.ROOT);
        try {
            OrderedMimeMessage message = new OrderedMimeMessage(session, "<" + UUID.randomUUID() + "@" + domain + ">");
            message.setFrom(recipients.from());
            setAddresses(message, Message.RecipientType.TO, recipients.to());
            setAddresses(message, Message.RecipientType.CC, recipients.cc());
            if (!recipients.replyTo().isEmpty()) {
                message.setReplyTo(recipients.replyTo().toArray(InternetAddress[]::new));
            }
            message.setSubject(draft.subject(), charset);
            message.setSentDate(Date.from(draft.date()));
            message.setHeader("Message-ID", "");
            threading(message, draft.parents());
            message.setHeader("User-Agent", draft.userAgent());
            for (MailDraft.Header h : draft.headers()) {
                message.addHeader(h.name(), encoded(h.name(), h.value(), charset));
            }
            // MIME-Version now, so that the Content-Type and Content-Transfer-Encoding fields added when the
            // message is saved come after it
            message.setHeader("MIME-Version", "1.0");
            content(message, draft, charset, domain);
            message.saveChanges();
            return new Composed(message, recipients);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailException("cannot build the mail: " + e.getMessage(), e);
        }
    }

    private static void setAddresses(MimeMessage message, Message.RecipientType type, List<InternetAddress> addresses)
            throws MessagingException {
        if (!addresses.isEmpty()) {
            message.setRecipients(type, addresses.toArray(InternetAddress[]::new));
        }
    }

    /** {@code In-Reply-To} and {@code References} from the parents (D116). */
    private static void threading(MimeMessage message, List<MailDraft.Parent> parents) throws MessagingException {
        Set<String> references = new LinkedHashSet<>();
        String inReplyTo = null;
        for (MailDraft.Parent p : parents) {
            if (p.references() != null) {
                references.addAll(List.of(p.references().trim().split("\\s+")));
            }
        }
        for (MailDraft.Parent p : parents) {
            if (p.messageId() != null && !p.messageId().isBlank()) {
                inReplyTo = p.messageId().trim();
                references.add(inReplyTo);
            }
        }
        references.remove("");
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
        }
        if (!references.isEmpty()) {
            message.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", references)));
        }
    }

    private static String encoded(String name, String value, String charset) throws UnsupportedEncodingException {
        return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, charset, null));
    }

    /** The body: text, HTML or both, wrapped with the attachments when there are any. */
    private static void content(MimeMessage message, MailDraft draft, String charset, String domain)
            throws MessagingException {
        List<String> contentIds = new ArrayList<>();
        for (int i = 0; i < draft.attachments().size(); i++) {
            contentIds.add("part" + i + "." + UUID.randomUUID() + "@" + domain);
        }
        String text = draft.inline() ? withContentIds(draft.text(), draft, contentIds) : draft.text();
        String html = draft.inline() ? withContentIds(draft.html(), draft, contentIds) : draft.html();
        if (draft.attachments().isEmpty()) {
            body(message, text, html, charset);
            return;
        }
        MimeMultipart outer = new MimeMultipart(draft.inline() ? "related" : "mixed");
        MimeBodyPart main = new MimeBodyPart();
        body(main, text, html, charset);
        outer.addBodyPart(main);
        for (int i = 0; i < draft.attachments().size(); i++) {
            outer.addBodyPart(attachment(draft.attachments().get(i), draft.inline() ? contentIds.get(i) : null, charset));
        }
        message.setContent(outer);
    }

    private static void body(MimePart part, String text, String html, String charset) throws MessagingException {
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, charset, "plain");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, charset, "html");
            sevenBitJapanese(plain, charset);
            sevenBitJapanese(rich, charset);
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            part.setContent(alternative);
        } else {
            part.setText(text != null ? text : html, charset, text != null ? "plain" : "html");
            sevenBitJapanese(part, charset);
        }
    }

    /**
     * ISO-2022-JP text is sent as it is, 7bit (RFC 1468), as Japanese mail readers expect and Python's
     * email package does; Jakarta Mail would quote its escape characters.
     */
    private static void sevenBitJapanese(MimePart part, String charset) throws MessagingException {
        if (charset.equals("iso-2022-jp")) {
            part.setHeader("Content-Transfer-Encoding", "7bit");
        }
    }

    private static MimeBodyPart attachment(MailDraft.Attachment file, String contentId, String charset)
            throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        String type = URLConnection.guessContentTypeFromName(file.name());
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.data(), type == null ? DEFAULT_CONTENT_TYPE : type)));
        part.setFileName(file.name());
        // base64 keeps the bytes as they are: a text type would have its line ends made CRLF
        part.setHeader("Content-Transfer-Encoding", "base64");
        if (contentId == null) {
            part.setDisposition(Part.ATTACHMENT);
        } else {
            part.setDisposition(Part.INLINE);
            part.setContentID("<" + contentId + ">");
        }
        return part;
    }

    /** Replaces {@code %{Content-ID#n}} and {@code %{Content-ID:filename}} by the attachments' Content-IDs (builtins.md §5.3). */
    private static String withContentIds(String body, MailDraft draft, List<String> contentIds) {
        if (body == null) {
            return null;
        }
        String out = body;
        for (int i = 0; i < contentIds.size(); i++) {
            out = out.replace("%{Content-ID#" + i + "}", contentIds.get(i))
                    .replace("%{Content-ID:" + draft.attachments().get(i).name() + "}", contentIds.get(i));
        }
        return out;
    }

    private static String domainOf(InternetAddress from) {
        String address = from.getAddress();
        return address.substring(address.indexOf('@') + 1);
    }
}
