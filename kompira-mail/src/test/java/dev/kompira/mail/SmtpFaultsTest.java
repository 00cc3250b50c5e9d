package dev.kompira.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SmtpServer objects (objects.md §4.21) against GreenMail's SMTPS port with a login, and every fault of
 * builtins.md §5.3 ending as a failed job with {@code mailto: <detail>}, never a hang.
 */
class SmtpFaultsTest {

    private static MailEngine engine;

    @BeforeAll
    static void start() {
        engine = new MailEngine();
        engine.greenMail.setUser("bot@example.com", "bot", "s3cret");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        engine.greenMail.purgeEmailFromAllMailboxes();
    }

    /** Makes SmtpServer {@code /system/smtp_servers/<name>} with {@code fields}. */
    private static void server(String name, Map<String, ?> fields) {
        String path = "/system/smtp_servers/" + name;
        if (engine.kompira.objects().exists(path)) {
            engine.kompira.objects().get(path);
            engine.kompira.objects().setFields(path, fields);
        } else {
            engine.kompira.objects().create(path, "SmtpServer", fields);
        }
    }

    @Test
    void smtpsWithALoginDeliversAndConnCheckSucceeds() throws Exception {
        server("secure", Map.of("hostname", "127.0.0.1", "port", engine.smtpsPort(), "use_ssl", true, "username", "bot",
                "password", "s3cret", "timeout", 10));
        String console = engine.run("""
                [s = /system/smtp_servers/secure] ->
                [s.conn_check] -> print('check', $STATUS, $ERROR) ->
                mailto(to='ops@example.com', from='bot@example.com', subject='over TLS', body='secret', smtp_server=s) ->
                print('mail', $STATUS, $ERROR)
                """);
        assertEquals("check 0 \nmail 0 \n", console);
        assertTrue(engine.greenMail.waitForIncomingEmail(10_000, 1));
        MimeMessage m = engine.greenMail.getReceivedMessages()[0];
        assertEquals("over TLS", m.getSubject());
    }

    @Test
    void aWrongPasswordFailsConnCheckAndTheMailWithTheServersAnswer() throws Exception {
        server("badlogin", Map.of("hostname", "127.0.0.1", "port", engine.smtpsPort(), "use_ssl", true, "username", "bot",
                "password", "wrong", "timeout", 10));
        String console = engine.run("""
                [/system/smtp_servers/badlogin.conn_check] => print($STATUS, $ERROR) ->
                mailto(to='ops@example.com', body='x', smtp_server=/system/smtp_servers/badlogin) => print($STATUS, $ERROR)
                """);
        String port = Integer.toString(engine.smtpsPort());
        List<String> lines = console.lines().toList();
        assertEquals(2, lines.size(), console);
        assertTrue(lines.get(0).startsWith("1 conn_check: the SMTP server 127.0.0.1:" + port + " refused the login: "), console);
        assertTrue(lines.get(1).startsWith("1 mailto: the SMTP server 127.0.0.1:" + port + " refused the login: "), console);
    }

    @Test
    void invalidAddressesAndIncompleteMailsFailBeforeAnythingIsSent() throws Exception {
        String console = engine.run("""
                mailto(to='ops@@example.com', body='x') => print($STATUS, $ERROR) ->
                mailto(to='ops@example.com', cc='not an address', body='x') => print($STATUS, $ERROR) ->
                mailto(to=['', ' '], body='x') => print($STATUS, $ERROR) ->
                mailto(to='ops@example.com') => print($STATUS, $ERROR) ->
                mailto(to='ops@example.com', body='x', attach_files=['report.csv']) => print($STATUS, $ERROR) ->
                mailto(to='ops@example.com', body='x', charset='klingon') => print($STATUS, $ERROR) ->
                mailto(to='ops@example.com', body='x', smtp_server='localhost') => print($STATUS, $ERROR) ->
                mailto(body='x') => print($STATUS, $ERROR)
                """);
        List<String> lines = console.lines().toList();
        assertTrue(lines.get(0).startsWith("1 mailto: invalid address in to: 'ops@@example.com' ("), console);
        assertTrue(lines.get(1).startsWith("1 mailto: invalid address in cc: 'not an address' ("), console);
        assertEquals(List.of("1 mailto: no recipient", "1 mailto: body and html_content are both null",
                "1 mailto: an attachment is not a File: String", "1 mailto: unknown encoding 'klingon'",
                "1 mailto: smtp_server must be an SmtpServer object or null, got localhost",
                "1 mailto: missing argument 'to'"), lines.subList(2, lines.size()));
        Thread.sleep(200);
        assertEquals(0, engine.greenMail.getReceivedMessages().length);
    }

    @Test
    void aServerThatRefusesTheSenderFailsTheJobWithItsReply() throws Exception {
        try (ScriptedSmtpServer refusing = ScriptedSmtpServer.refusing("550 5.7.1 relaying denied")) {
            server("refusing", Map.of("hostname", "127.0.0.1", "port", refusing.port(), "timeout", 10));
            String console = engine.run("""
                    mailto(to='ops@example.com', body='x', smtp_server=/system/smtp_servers/refusing) => print($STATUS, $ERROR)
                    """);
            assertTrue(console.startsWith("1 mailto: the SMTP server 127.0.0.1:" + refusing.port() + " refused the mail: "), console);
            assertTrue(console.contains("550 5.7.1 relaying denied"), console);
        }
    }

    @Test
    void aServerThatIsDownFailsTheJob() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server("down", Map.of("hostname", "127.0.0.1", "port", port, "timeout", 10));
        String console = engine.run("""
                [/system/smtp_servers/down.conn_check] => print($STATUS, $ERROR) ->
                mailto(to='ops@example.com', body='x', smtp_server=/system/smtp_servers/down) => print($STATUS, $ERROR)
                """);
        List<String> lines = console.lines().toList();
        assertTrue(lines.get(0).startsWith("1 conn_check: cannot connect to the SMTP server 127.0.0.1:" + port + ": "), console);
        assertTrue(lines.get(1).startsWith("1 mailto: cannot connect to the SMTP server 127.0.0.1:" + port + ": "), console);
        assertTrue(console.contains("Connection refused"), console);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndMeanwhileOtherProcessesRun() throws Exception {
        try (ScriptedSmtpServer silent = ScriptedSmtpServer.silent()) {
            server("silent", Map.of("hostname", "127.0.0.1", "port", silent.port(), "timeout", 2));
            long started = System.nanoTime();
            JobflowProcess waiting = engine.kompira.start(engine.kompira.compile("silent.kjf",
                    "mailto(to='ops@example.com', body='x', smtp_server=/system/smtp_servers/silent) => return($ERROR)"), Map.of());
            // the waiting mail holds no carrier thread: many other processes finish while it waits
            for (int i = 0; i < 20; i++) {
                JobflowProcess quick = engine.kompira.start(engine.kompira.compile("quick.kjf", "| n | return(n * 2)"),
                        Map.of("n", IntegerValue.of(i)));
                assertEquals(IntegerValue.of(2L * i), quick.await(MailEngine.WAIT).result());
            }
            String error = ((StringValue) waiting.await(MailEngine.WAIT).result()).value();
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(error.startsWith("mailto: SMTP conversation with 127.0.0.1:" + silent.port() + " failed: ")
                    || error.startsWith("mailto: cannot connect to the SMTP server 127.0.0.1:" + silent.port()), error);
            assertTrue(error.toLowerCase().contains("timed out") || error.toLowerCase().contains("timeout"), error);
            assertTrue(seconds < 30, "took " + seconds + " s");
        }
    }

    @Test
    void mailsInARowShareAConnectionAndADroppedOneIsReplaced() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting()) {
            server("accepting", Map.of("hostname", "127.0.0.1", "port", server.port(), "timeout", 10));
            String flow = "{ for i in 3 | mailto(to='ops@example.com', body='mail %i', placeholder={i = i},"
                    + " smtp_server=/system/smtp_servers/accepting) } -> print($STATUS)";
            assertEquals("0\n", engine.run(flow));
            assertEquals(3, server.mails());
            assertEquals(1, server.connections(), "one connection for the three mails (J169)");
            server.dropConnections();
            assertEquals("0\n", engine.run(flow));
            assertEquals(6, server.mails());
            assertEquals(2, server.connections(), "the dropped connection is noticed and replaced, no mail is lost");
        }
    }

    @Test
    void startTlsIsRequiredOnceAskedFor() throws Exception {
        server("starttls", Map.of("hostname", "127.0.0.1", "port", engine.smtpPort(), "use_tls", true, "timeout", 10));
        String console = engine.run("""
                [/system/smtp_servers/starttls.conn_check] => print($STATUS, $ERROR)
                """);
        assertTrue(console.startsWith("1 conn_check: SMTP conversation with 127.0.0.1:" + engine.smtpPort() + " failed: "), console);
        assertTrue(console.contains("STARTTLS"), console);
    }

    @Test
    void theDefaultServerAndItsDefaultsAreUsedWithoutSmtpServer() throws Exception {
        String console = engine.run("""
                [d = /system/smtp_servers/Default] -> print(d.hostname, d.use_tls, d.use_ssl) ->
                print(/system/config.data.smtpServer == d) ->
                mailto(to='ops@example.com', body='via the default') -> print($STATUS)
                """);
        assertEquals("127.0.0.1 false false\ntrue\n0\n", console);
        assertTrue(engine.greenMail.waitForIncomingEmail(10_000, 1));
    }
}
