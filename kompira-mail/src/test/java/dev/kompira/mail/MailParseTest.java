package dev.kompira.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mail_parse} (D131) on written messages, on what GreenMail received from {@code mailto}, and on malformed text. */
class MailParseTest {

    private static MailEngine engine;

    @BeforeAll
    static void start() {
        engine = new MailEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String parse(String raw, String flow) throws Exception {
        return engine.run("| raw |\n[m = mail_parse(raw)] ->\n" + flow, Map.of("raw", StringValue.of(raw)));
    }

    @Test
    void theReferenceExampleDecodesTheSubject() throws Exception {
        String console = engine.run("""
                [m = mail_parse('From: a@example.com\\nSubject: =?UTF-8?B?6K2m5ZGK?=\\n\\nbody text\\n')] ->
                print(m['Subject'], m.Body.strip(), m.Filename, m['Is-Multipart']) -> print(m)
                """);
        assertEquals("警告 body text null false\n"
                + "{From='a@example.com', Subject='警告', Body='body text\\n', Filename=null, Is-Multipart=false}\n",
                console);
    }

    @Test
    void headersKeepTheirFirstPlaceAndLastValueAndAreUnfolded() throws Exception {
        String raw = String.join("\r\n", "Received: from a", "Subject: first", "X-Long: one", "\ttwo", "Received: from b",
                "Subject: =?iso-2022-jp?B?GyRCN1k5cBsoQg==?= second", "", "x", "");
        // unfolding removes the line break and keeps the white space (RFC 5322 §2.2.3); the body keeps its CRLF
        assertEquals("{Received='from b', Subject='警告 second', X-Long='one\\ttwo', Body='x\\r\\n', Filename=null, Is-Multipart=false}\n",
                parse(raw, "print(m)"));
    }

    @Test
    void alternativesAttachmentsAndCharsetsFollowTheRulesOfD131() throws Exception {
        String raw = String.join("\r\n",
                "From: a@example.com",
                "Content-Type: multipart/mixed; boundary=\"outer\"",
                "",
                "--outer",
                "Content-Type: multipart/alternative; boundary=\"inner\"",
                "",
                "--inner",
                "Content-Type: text/plain; charset=iso-8859-1",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "caf=E9",
                "--inner",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p>caf\u00e9</p>",
                "--inner--",
                "--outer",
                "Content-Type: text/plain",
                "Content-Disposition: attachment; filename=\"notes.txt\"",
                "",
                "kept as bytes",
                "--outer",
                "Content-Type: application/octet-stream; name=\"=?UTF-8?B?44Op44OZ44OrLmJpbg==?=\"",
                "Content-Transfer-Encoding: base64",
                "",
                "AAEC/w==",
                "--outer--",
                "");
        String console = parse(raw, """
                [outer = m.Body] -> [alt = outer[0].Body] ->
                print(m['Is-Multipart'], length(outer), outer[0]['Is-Multipart'], m.Filename) ->
                print(alt[0].Body, type(alt[1].Body), decode(alt[1].Body)) ->
                print(type(outer[1].Body), outer[1].Filename, decode(outer[1].Body)) ->
                print(outer[2].Body, outer[2].Filename, outer[2]['Is-Multipart'])
                """);
        assertEquals("true 3 true null\ncafé Binary <p>café</p>\nBinary notes.txt kept as bytes\nb'\\x00\\x01\\x02\\xff' ラベル.bin false\n",
                console);
    }

    @Test
    void aForwardedMessageIsOnePartParsedByTheSameRules() throws Exception {
        String raw = String.join("\n",
                "Subject: Fwd: alert",
                "Content-Type: multipart/mixed; boundary=b",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "see below",
                "--b",
                "Content-Type: message/rfc822",
                "",
                "Subject: alert",
                "From: monitor@example.com",
                "",
                "db01 down",
                "--b--",
                "");
        assertEquals("see below|true|alert|db01 down\n", parse(raw, """
                [fwd = m.Body[1]] ->
                print(m.Body[0].Body.strip() + '|' + string(fwd['Is-Multipart']) + '|' + fwd.Body[0].Subject + '|' + fwd.Body[0].Body.strip())
                """));
    }

    @Test
    void whatMailtoSentParsesBackToTheSameContent() throws Exception {
        engine.greenMail.purgeEmailFromAllMailboxes();
        engine.run("""
                [f = ./.add('report', /system/types/AttachedFile)] ->
                [{name = 'data.bin', data = bytes([0, 255, 10, 13])} >> f.attached1] ->
                mailto(to='ops@example.com', from='kompira@example.com', subject='件名 report', body='本文\\n',
                       html_content='<p>本文</p>', attach_files=f.attached1)
                """);
        assertTrue(engine.greenMail.waitForIncomingEmail(10_000, 1));
        byte[] received = GreenMailUtil.getWholeMessage(engine.greenMail.getReceivedMessages()[0]).getBytes(StandardCharsets.UTF_8);
        String console = engine.run("""
                | raw |
                [m = mail_parse(raw)] -> [parts = m.Body] ->
                print(m.Subject, m.From, m['Is-Multipart'], length(parts)) ->
                print(parts[0].Body[0].Body.strip(), decode(parts[0].Body[1].Body)) ->
                print(parts[1].Filename, parts[1].Body == bytes([0, 255, 10, 13]))
                """, Map.of("raw", BinaryValue.of(received)));
        assertEquals("件名 report kompira@example.com true 2\n本文 <p>本文</p>\ndata.bin true\n", console);
    }

    @Test
    void textThatIsNotAMailFailsWithTheLineThatIsWrong() throws Exception {
        String console = engine.run("""
                mail_parse('just some text\\nSubject: x\\n\\n') => print($STATUS, $ERROR) ->
                mail_parse('Subject: x\\nno colon here\\n\\nbody') => print($STATUS, $ERROR) ->
                mail_parse('') => print($STATUS, $ERROR) ->
                mail_parse(42) => print($STATUS, $ERROR) ->
                mail_parse('Content-Type: application/octet-stream\\nContent-Transfer-Encoding: base64\\n\\n*\\n')
                    => print($STATUS, type($RESULT)) ->
                { try | print(mail_parse(' folded first\\n\\n')) } -> print($STATUS, $ERROR)
                """);
        assertEquals(List.of(
                "1 mail_parse: not a mail message: line 1 is not a header field: 'just some text'",
                "1 mail_parse: not a mail message: line 2 is not a header field: 'no colon here'",
                "1 mail_parse: not a mail message: the text is empty",
                "1 mail_parse: data must be a String or a Binary, got Integer",
                "0 Dictionary",
                "1 mail_parse: not a mail message: line 1 is not a header field: ' folded first'"), console.lines().toList());
    }
}
