package dev.kompira.core.mail;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A mail as a jobflow described it to {@code mailto} (builtins.md §5.3), before it is built: addresses
 * as written (empty ones already dropped, not yet checked against RFC 5322), the {@code placeholder}
 * entries already filled in (D117), the sender already chosen (D116). The implementation checks the
 * addresses, adds those of the {@code parents} and builds the MIME structure of D116. Immutable.
 *
 * @param from        the sender
 * @param to          the recipients
 * @param cc          the copy recipients
 * @param bcc         the blind-copy recipients (never written into the message)
 * @param replyTo     the {@code Reply-To} addresses
 * @param subject     the subject
 * @param text        the plain-text body, or Java null
 * @param html        the HTML body, or Java null
 * @param attachments the attachments, in order
 * @param parents     the messages this one answers, in order
 * @param headers     more header fields, in order
 * @param charset     the character set of the bodies and of encoded header words
 * @param replyToAll  whether the parents' {@code To} and {@code Cc} are addressed too
 * @param inline      whether the attachments are inline parts of a {@code multipart/related} message
 * @param date        the {@code Date} of the message
 * @param userAgent   the {@code User-Agent} field
 */
public record MailDraft(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
        String subject, String text, String html, List<Attachment> attachments, List<Parent> parents,
        List<Header> headers, Charset charset, boolean replyToAll, boolean inline, Instant date, String userAgent) {

    /** Copies the lists; requires what every mail has. */
    public MailDraft {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(userAgent, "userAgent");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        attachments = List.copyOf(attachments);
        parents = List.copyOf(parents);
        headers = List.copyOf(headers);
    }

    /**
     * A file attached to the mail (a File value, objects.md §3.3).
     *
     * @param name the file name
     * @param data the content; not copied, callers must not change it
     */
    public record Attachment(String name, byte[] data) {

        /** Requires both parts. */
        public Attachment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A message this mail answers: the header fields of a {@code mail_parse} result that D116 reads,
     * each decoded text or Java null when the parent has none.
     *
     * @param messageId  {@code Message-ID}
     * @param references {@code References}
     * @param replyTo    {@code Reply-To}
     * @param from       {@code From}
     * @param to         {@code To}
     * @param cc         {@code Cc}
     */
    public record Parent(String messageId, String references, String replyTo, String from, String to, String cc) {
    }

    /**
     * A header field given by the flow.
     *
     * @param name  the field name
     * @param value its text
     */
    public record Header(String name, String value) {
    }
}
