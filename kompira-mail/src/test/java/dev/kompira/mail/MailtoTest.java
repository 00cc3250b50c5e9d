package dev.kompira.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.value.StringValue;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mailto} (builtins.md §5.3, D116, D117) sends through GreenMail's SMTP server, and each test
 * reads back the MIME structure GreenMail received.
 */
class MailtoTest {

    private static MailEngine engine;

    @BeforeAll
    static void start() {
        engine = new MailEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        engine.greenMail.purgeEmailFromAllMailboxes();
    }

    private static MimeMessage[] received(int count) {
        assertTrue(engine.greenMail.waitForIncomingEmail(10_000, count), "expected " + count + " deliveries");
        return engine.greenMail.getReceivedMessages();
    }

    /** The header names as sent: without the Received and Return-Path fields GreenMail adds. */
    private static List<String> headerNames(MimeMessage m) throws Exception {
        List<String> names = new ArrayList<>();
        for (Header h : Collections.list(m.getAllHeaders())) {
            if (!h.getName().equals("Received") && !h.getName().equals("Return-Path")) {
                names.add(h.getName());
            }
        }
        return names;
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    @Test
    void aTextMailArrivesWithEveryRecipientAndTheHeadersInTheirOrder() throws Exception {
        String console = engine.run("""
                mailto(to=['ops@example.com', ''], from='kompira@example.com', subject='警告: disk full',
                       body='Disk /var is full.\\n', cc='lead@example.com', bcc=['audit@example.com'],
                       reply_to='desk@example.com', headers={'X-Ticket': 'T-1', 'X-Note': 'ノート'}) ->
                print($STATUS, $RESULT == '', $ERROR == '')
                """);
        assertEquals("0 true true\n", console);
        MimeMessage[] deliveries = received(3);
        assertEquals(3, deliveries.length, "one delivery each for to, cc and bcc");
        MimeMessage m = deliveries[0];
        assertEquals(List.of("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "User-Agent", "X-Ticket", "X-Note",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding"), headerNames(m));
        assertEquals(List.of("kompira@example.com"), addresses(m.getFrom()));
        assertEquals(List.of("ops@example.com"), addresses(m.getRecipients(Message.RecipientType.TO)));
        assertEquals(List.of("lead@example.com"), addresses(m.getRecipients(Message.RecipientType.CC)));
        assertNull(m.getHeader("Bcc"), "Bcc is never written");
        assertEquals(List.of("desk@example.com"), addresses(m.getReplyTo()));
        assertEquals("警告: disk full", m.getSubject());
        assertTrue(m.getHeader("Subject")[0].startsWith("=?utf-8?"), "a non-ASCII subject is RFC 2047-encoded");
        assertEquals("T-1", m.getHeader("X-Ticket")[0]);
        assertEquals("ノート", jakarta.mail.internet.MimeUtility.decodeText(m.getHeader("X-Note")[0]));
        assertTrue(m.getHeader("User-Agent")[0].matches("Kompira ver \\d+\\.\\d+\\.\\d+.*"), m.getHeader("User-Agent")[0]);
        assertTrue(m.getMessageID().matches("<[0-9a-f-]+@example\\.com>"), m.getMessageID());
        assertTrue(m.isMimeType("text/plain"));
        assertEquals("utf-8", new jakarta.mail.internet.ContentType(m.getContentType()).getParameter("charset").toLowerCase());
        assertEquals("Disk /var is full.", ((String) m.getContent()).stripTrailing());
        List<String> envelope = new ArrayList<>();
        for (MimeMessage d : deliveries) {
            envelope.addAll(addresses(d.getAllRecipients()));
        }
        assertTrue(envelope.containsAll(List.of("ops@example.com", "lead@example.com")));
        assertEquals(3, engine.greenMail.getReceivedMessagesForDomain("example.com").length);
    }

    @Test
    void bodyAndHtmlAreAlternativesAndAttachmentsWrapThemInMixed() throws Exception {
        String console = engine.run("""
                [dir = ./.add('reports', /system/types/Directory)] ->
                [f = ./.add('weekly', /system/types/AttachedFile)] ->
                [{name = 'load.csv', data = 'host,load\\ndb01,0.5\\n'} >> f.attached1] ->
                mailto(to='team@example.com', from='kompira@example.com', subject='Weekly',
                       body='see attachment', html_content='<p>see attachment</p>', attach_files=[f.attached1]) ->
                print($STATUS, $ERROR)
                """);
        assertEquals("0 \n", console);
        MimeMessage m = received(1)[0];
        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        Multipart mixed = (Multipart) m.getContent();
        assertEquals(2, mixed.getCount());
        Part alternative = mixed.getBodyPart(0);
        assertTrue(alternative.isMimeType("multipart/alternative"), alternative.getContentType());
        Multipart bodies = (Multipart) alternative.getContent();
        assertTrue(bodies.getBodyPart(0).isMimeType("text/plain"), "text first");
        assertEquals("see attachment", bodies.getBodyPart(0).getContent());
        assertTrue(bodies.getBodyPart(1).isMimeType("text/html"));
        assertEquals("<p>see attachment</p>", bodies.getBodyPart(1).getContent());
        Part file = mixed.getBodyPart(1);
        assertEquals(Part.ATTACHMENT, file.getDisposition());
        assertEquals("load.csv", file.getFileName());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        file.getInputStream().transferTo(data);
        assertEquals("host,load\ndb01,0.5\n", data.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void inlineAttachmentsAreRelatedPartsTheHtmlNamesByContentId() throws Exception {
        String console = engine.run("""
                [f = ./.add('graph', /system/types/AttachedFile)] ->
                [{name = 'load.png', data = bytes([137, 80, 78, 71])} >> f.attached1] ->
                mailto(to='team@example.com', subject='Graph', inline_content=true, attach_files=f.attached1,
                       html_content='<img src="cid:%{Content-ID#0}"><img src="cid:%{Content-ID:load.png}">') ->
                print($STATUS, $ERROR)
                """);
        assertEquals("0 \n", console);
        MimeMessage m = received(1)[0];
        assertTrue(m.isMimeType("multipart/related"), m.getContentType());
        Multipart related = (Multipart) m.getContent();
        jakarta.mail.internet.MimeBodyPart image = (jakarta.mail.internet.MimeBodyPart) related.getBodyPart(1);
        assertEquals(Part.INLINE, image.getDisposition());
        assertTrue(image.isMimeType("image/png"), image.getContentType());
        String id = image.getContentID();
        assertTrue(id.startsWith("<") && id.endsWith(">"), id);
        String bare = id.substring(1, id.length() - 1);
        assertEquals("<img src=\"cid:" + bare + "\"><img src=\"cid:" + bare + "\">", related.getBodyPart(0).getContent());
    }

    @Test
    void placeholdersFillSubjectAndBodies() throws Exception {
        String console = engine.run("""
                mailto(to='oncall@example.com', subject='[ops] %host is down', body='Host %host: %{state} (100%%)',
                       html_content='<b>%host</b>', placeholder={host = 'db01', state = 'no answer'}) ->
                print($STATUS)
                """);
        assertEquals("0\n", console);
        MimeMessage m = received(1)[0];
        assertEquals("[ops] db01 is down", m.getSubject());
        Multipart bodies = (Multipart) m.getContent();
        assertEquals("Host db01: no answer (100%)", bodies.getBodyPart(0).getContent());
        assertEquals("<b>db01</b>", bodies.getBodyPart(1).getContent());
    }

    @Test
    void theSenderFallsBackToTheAdministratorAddressThenToWebmaster() throws Exception {
        String console = engine.run("""
                mailto(to='a@example.com', body='1') ->
                ['admin@example.com' >> /system/config.data['adminEmail']] ->
                mailto(to='b@example.com', body='2') ->
                ['' >> /system/config.data['adminEmail']] ->
                print($STATUS)
                """);
        assertEquals("0\n", console);
        MimeMessage[] deliveries = received(2);
        assertEquals(List.of("webmaster@localhost"), addresses(deliveries[0].getFrom()));
        assertEquals(List.of("admin@example.com"), addresses(deliveries[1].getFrom()));
    }

    @Test
    void asStringReturnsTheMessageWithLfLineEndsAndSendsNothing() throws Exception {
        String console = engine.run("""
                mailto(to='ops@example.com', from='ops@example.com', subject='Re: help', body='We are on it.', as_string=true) ->
                [text = $RESULT] ->
                print(text.splitlines()[0], $STATUS) ->
                print(text.find('\\r') == -1, text.find('\\nMIME-Version: 1.0\\nContent-Type: text/plain; charset=utf-8\\n') > 0)
                """);
        assertEquals("From: ops@example.com 0\ntrue true\n", console);
        Thread.sleep(200);
        assertEquals(0, engine.greenMail.getReceivedMessages().length);
    }

    @Test
    void repliesAddressTheParentsAndCarryTheThreadingFields() throws Exception {
        String parent = String.join("\n",
                "From: Alice <alice@example.org>",
                "To: support@example.com, bob@example.org",
                "Cc: carol@example.org",
                "Subject: help",
                "Message-ID: <p2@example.org>",
                "References: <p0@example.org> <p1@example.org>",
                "",
                "it broke",
                "");
        String console = engine.run("""
                | raw |
                [orig = mail_parse(raw)] ->
                mailto(to=[], from='support@example.com', parents=orig, reply_to_all=true, subject='Re: ' + orig['Subject'],
                       body='We are on it.') ->
                print($STATUS, $ERROR)
                """, Map.of("raw", StringValue.of(parent)));
        assertEquals("0 \n", console);
        MimeMessage m = received(3)[0];
        assertEquals("Re: help", m.getSubject());
        assertEquals(List.of("alice@example.org", "bob@example.org"), addresses(m.getRecipients(Message.RecipientType.TO)));
        assertEquals(List.of("carol@example.org"), addresses(m.getRecipients(Message.RecipientType.CC)));
        assertEquals("<p2@example.org>", m.getHeader("In-Reply-To")[0]);
        assertEquals("<p0@example.org> <p1@example.org> <p2@example.org>", m.getHeader("References")[0]);
        assertEquals(List.of("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "User-Agent",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding"), headerNames(m));
    }

    @Test
    void anHtmlOnlyMailIsOneHtmlPartAndAReplyWithoutReplyToAllGoesToTheSenderOnly() throws Exception {
        String parent = "From: Alice <alice@example.org>\nReply-To: desk@example.org\nTo: support@example.com\n"
                + "Cc: carol@example.org\nMessage-ID: <q1@example.org>\nSubject: hi\n\nhello\n";
        String console = engine.run("""
                | raw |
                mailto(to=[], from='support@example.com', parents=mail_parse(raw), html_content='<p>on it</p>') ->
                print($STATUS, $ERROR)
                """, Map.of("raw", StringValue.of(parent)));
        assertEquals("0 \n", console);
        MimeMessage m = received(1)[0];
        assertTrue(m.isMimeType("text/html"), m.getContentType());
        assertEquals("<p>on it</p>", m.getContent());
        assertEquals(List.of("desk@example.org"), addresses(m.getRecipients(Message.RecipientType.TO)), "Reply-To wins over From");
        assertNull(m.getRecipients(Message.RecipientType.CC));
        assertEquals("<q1@example.org>", m.getHeader("In-Reply-To")[0]);
    }

    @Test
    void theVendorStyleReportFlowMailsItsFigures() throws Exception {
        String console = engine.run("""
                [t = ./.add('Result', /system/types/TypeObject, {fieldNames = ['ng_num', 'ok_num'], fieldDisplayNames = ['NG', 'OK'],
                                                                fieldTypes = ['Integer', 'Integer']})] ->
                [r = ./.add('today', t, {ng_num = 3, ok_num = 97})] ->
                [result = {ng_num = r.ng_num, ok_num = r.ok_num}] ->
                [subject = '[daily check] NG: %ng_num, OK: %ok_num' % result] ->
                mailto(to='ops@example.com', subject=subject, body='%ng_num hosts failed the check.\\n' % result) ->
                print($STATUS)
                """);
        assertEquals("0\n", console);
        MimeMessage m = received(1)[0];
        assertEquals("[daily check] NG: 3, OK: 97", m.getSubject());
        // GreenMail keeps the message without the line end before the final dot of DATA
        assertEquals("3 hosts failed the check.", ((String) m.getContent()).stripTrailing());
    }

    @Test
    void aCharsetNamesTheEncodingOfBodiesAndSubject() throws Exception {
        String console = engine.run("mailto(to='jp@example.com', subject='件名', body='本文', charset='iso-2022-jp') -> print($STATUS)");
        assertEquals("0\n", console);
        MimeMessage m = received(1)[0];
        assertEquals("iso-2022-jp", new jakarta.mail.internet.ContentType(m.getContentType()).getParameter("charset").toLowerCase());
        assertTrue(m.getHeader("Subject")[0].toLowerCase().startsWith("=?iso-2022-jp?"), m.getHeader("Subject")[0]);
        assertEquals("件名", m.getSubject());
        assertEquals("本文", m.getContent());
        assertArrayEquals(new String[] {"7bit"}, m.getHeader("Content-Transfer-Encoding"));
        assertFalse(m.isMimeType("multipart/*"));
    }
}
