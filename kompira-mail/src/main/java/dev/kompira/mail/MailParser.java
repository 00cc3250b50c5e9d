package dev.kompira.mail;

import dev.kompira.core.mail.MailException;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code mail_parse} (D131): a message as a Dictionary of its decoded header fields, {@code Body},
 * {@code Filename} and {@code Is-Multipart}, parts built by the same rules. Thread-safe.
 */
final class MailParser {

    /** A header field's first line: a name of printable characters other than the colon, then a colon. */
    private static final Pattern FIELD = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+[ \\t]*:.*");
    private static final int QUOTED_LINE = 60;

    private final Session session;

    MailParser() {
        Properties p = new Properties();
        // header fields of raw UTF-8 (RFC 6532) read as UTF-8, not as ISO-8859-1
        p.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(p);
    }

    /** Parses {@code bytes}; text that is not a mail message is a {@link MailException}. */
    DictionaryValue parse(byte[] bytes) {
        checkHeaderSection(bytes);
        try {
            return part(new MimeMessage(session, new ByteArrayInputStream(bytes)));
        } catch (MessagingException | IOException e) {
            throw new MailException("not a mail message: " + e.getMessage(), e);
        }
    }

    /**
     * Requires a header section: the text starts with a header field, and every line up to the first
     * empty one is a field or continues one. Jakarta Mail would take any line for a field.
     */
    private static void checkHeaderSection(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new MailException("not a mail message: the text is empty");
        }
        int lineNumber = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                return;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation ? lineNumber == 1 : !FIELD.matcher(line).matches()) {
                throw new MailException("not a mail message: line " + lineNumber + " is not a header field: '"
                        + (line.length() > QUOTED_LINE ? line.substring(0, QUOTED_LINE) + "..." : line) + "'");
            }
        }
    }

    private DictionaryValue part(MimePart part) throws MessagingException, IOException {
        DictionaryValue d = new DictionaryValue();
        for (Enumeration<Header> e = part.getAllHeaders(); e.hasMoreElements();) {
            Header h = e.nextElement();
            d.put(h.getName(), StringValue.of(decoded(h.getValue())));
        }
        String type = baseType(part);
        boolean multipart;
        Value body;
        if (type.startsWith("multipart/")) {
            MimeMultipart parts = new MimeMultipart(new MimePartDataSource(part));
            List<Value> items = new ArrayList<>();
            for (int i = 0; i < parts.getCount(); i++) {
                items.add(part((MimePart) parts.getBodyPart(i)));
            }
            body = new ArrayValue(items);
            multipart = true;
        } else if (type.equals("message/rfc822")) {
            // a forwarded message is one part, parsed by the same rules, as Python's email package does
            try (InputStream in = part.getInputStream()) {
                body = ArrayValue.of(part(new MimeMessage(session, in)));
            }
            multipart = true;
        } else {
            byte[] content = content(part);
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
            body = type.equals("text/plain") && !attachment ? StringValue.of(new String(content, charset(part)))
                    : BinaryValue.of(content);
            multipart = false;
        }
        d.put("Body", body);
        String filename = filename(part);
        d.put("Filename", filename == null ? NullValue.NULL : StringValue.of(filename));
        d.put("Is-Multipart", BooleanValue.of(multipart));
        return d;
    }

    private static byte[] content(MimePart part) throws MessagingException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MailException("cannot decode the " + part.getEncoding() + " content: " + e.getMessage(), e);
        }
    }

    /** The content type without parameters, in lower case; {@code text/plain} when absent or unreadable. */
    private static String baseType(MimePart part) throws MessagingException {
        String header = part.getHeader("Content-Type", null);
        if (header == null) {
            return "text/plain";
        }
        try {
            return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException unreadable) {
            return "text/plain";
        }
    }

    /** The declared character set; US-ASCII's superset UTF-8 when none is declared or it is unknown. */
    private static Charset charset(MimePart part) throws MessagingException {
        String header = part.getHeader("Content-Type", null);
        try {
            String name = header == null ? null : new ContentType(header).getParameter("charset");
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name));
        } catch (ParseException | IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String disposition(MimePart part) {
        try {
            return part.getDisposition();
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    private static String filename(MimePart part) {
        try {
            String name = part.getFileName();
            return name == null ? null : decoded(name);
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    /** A header value unfolded, its RFC 2047 encoded words decoded; a word that cannot be decoded stays as written. */
    private static String decoded(String raw) {
        String unfolded = MimeUtility.unfold(raw == null ? "" : raw);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException unknownCharset) {
            return unfolded;
        }
    }
}
