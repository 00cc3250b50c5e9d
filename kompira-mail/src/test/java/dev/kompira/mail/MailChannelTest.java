package dev.kompira.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MailChannel objects (objects.md §4.20) polling GreenMail's IMAP and POP3 mailboxes in this JVM, with a
 * check interval of 100 ms: mails become channel messages as raw MIME text, and the server's copies are
 * deleted or marked seen as the channel says.
 */
class MailChannelTest {

    private static final Duration UNIT = Duration.ofMillis(100);

    private GreenMail greenMail;
    private GreenMailUser bot;
    private Kompira kompira;
    private final StringBuffer console = new StringBuffer();

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort()});
        greenMail.start();
        bot = greenMail.setUser("bot@example.com", "bot", "s3cret");
        kompira = Kompira.builder().mailCheckUnit(UNIT).console((pid, text) -> console.append(text)).build();
    }

    @AfterEach
    void stop() {
        kompira.close();
        greenMail.stop();
    }

    private void channel(String protocol, int port, Map<String, ?> more) {
        Map<String, Object> fields = new HashMap<>(Map.of("serverName", "127.0.0.1", "port", port, "protocol", protocol,
                "username", "bot", "password", "s3cret", "timeout", 10, "checkInterval", 1, "disabled", false));
        fields.putAll(more);
        kompira.objects().create("/inbox", "MailChannel", fields);
    }

    private void deliver(String subject, String body) throws Exception {
        deliverRaw(("From: ops@example.com\r\nTo: bot@example.com\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private void deliverRaw(byte[] raw) throws Exception {
        bot.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    /** Runs {@code flow} to its end and returns its console. */
    private String run(String flow) throws Exception {
        console.setLength(0);
        JobflowProcess p = kompira.start(kompira.compile("mail.kjf", flow), Map.of());
        ProcessOutcome outcome = p.await(Duration.ofSeconds(60));
        assertTrue(outcome.isDone(), outcome + "\n" + console);
        return console.toString();
    }

    private static final String RECEIVE_TWO = """
            <./inbox: 20> -> [m = mail_parse($RESULT)] -> print(m.Subject, m.Body.strip()) ->
            <./inbox: 20> -> [m = mail_parse($RESULT)] -> print(m.Subject, m.Body.strip())
            """;

    @Test
    void aFlowWaitingOnAnImapChannelGetsTheMailsAndTheServerDeletesThem() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of());
        deliver("disk full", "on web1");
        deliver("disk ok", "on web1 again");
        assertEquals("disk full on web1\ndisk ok on web1 again\n", run(RECEIVE_TWO));
        awaitServerCopies(0);
        awaitLog("Z IMAP4 server 127.0.0.1:" + greenMail.getImap().getPort() + ": received ");
    }

    @Test
    void receiveUnseenAndSetSeenLeavesTheMailsSeenOnTheServerAndDoesNotGiveThemTwice() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of("receive_mode", "ReceiveUnseenAndSetSeen"));
        deliver("first", "one");
        deliver("second", "two");
        assertEquals("first one\nsecond two\n", run(RECEIVE_TWO));
        awaitSeen(2);
        // several polls later, nothing comes again
        assertEquals("1 timeout\n", run("<./inbox: 1> => print($STATUS, $ERROR)"));
        assertEquals(2, greenMail.getReceivedMessages().length);
    }

    @Test
    void aPop3ChannelGetsTheMailsAndTheServerDeletesThem() throws Exception {
        channel("POP3", greenMail.getPop3().getPort(), Map.of());
        deliver("via pop", "hello");
        deliver("via pop again", "hello again");
        assertEquals("via pop hello\nvia pop again hello again\n", run(RECEIVE_TWO));
        awaitServerCopies(0);
    }

    @Test
    void aMalformedMailArrivesAsItsTextAndDoesNotHoldUpTheNextOne() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of());
        deliverRaw("From: ops@example.com\r\nSubject: broken\r\nthis line is no header field\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8));
        deliver("fine", "after the broken one");
        String console = run("""
                <./inbox: 20> -> print($RESULT) ->
                <./inbox: 20> -> [m = mail_parse($RESULT)] -> print(m.Subject, m.Body.strip())
                """);
        // the broken mail is given as it is (mail_parse refuses it, J167); the next one follows
        assertTrue(console.contains("Subject: broken\r\nthis line is no header field\r\n"), console);
        assertTrue(console.endsWith("fine after the broken one\n"), console);
    }

    @Test
    void anImapServerThatDropsTheConnectionMidPollIsTriedAgainAndNoMailIsLost() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(greenMail.getImap().getPort())) {
            channel("IMAP4", proxy.port(), Map.of());
            deliver("one", "1");
            deliver("two", "2");
            assertEquals("one 1\ntwo 2\n", run(RECEIVE_TWO));
            assertTrue(proxy.dropped.get(), "the proxy did not drop the first poll");
        }
        awaitServerCopies(0);
    }

    @Test
    void nothingIsPolledWhileTheChannelIsDisabledOrNobodyWaits() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of());
        deliver("kept", "on the server");
        Thread.sleep(UNIT.toMillis() * 5);
        assertEquals(1, greenMail.getReceivedMessages().length, "polled without a receiver");
        kompira.objects().setFields("/inbox", Map.of("disabled", true));
        assertEquals("1 timeout\n", run("<./inbox: 1> => print($STATUS, $ERROR)"));
        assertEquals(1, greenMail.getReceivedMessages().length, "polled a disabled channel");
    }

    @Test
    void detectErrorEndsTheWaitWhenAPollFailsAndOnlyThen() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        channel("IMAP4", closedPort, Map.of());
        String console = run("""
                <./inbox: 1> => print('without', $STATUS, $ERROR) ->
                <./inbox: timeout=20, detect_error=true> ->> print('with', $STATUS, $RESULT == '', $ERROR)
                """);
        assertTrue(console.startsWith("without 1 timeout\nwith -1 true "), console);
        assertTrue(console.contains(String.valueOf(closedPort)), "the error names the server: " + console);
        String log = kompira.objects().field("/inbox", "log").toString();
        assertTrue(log.matches("(?s)20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z cannot read the mailbox INBOX on the IMAP4 server 127\\.0\\.0\\.1:"
                + closedPort + ": .*\n"), "the connection log: " + log);
    }

    @Test
    void detectErrorOnADisabledChannelEndsTheWaitAtOnceAfterTheMailsAlreadyQueued() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of("disabled", true));
        String console = run("""
                [./inbox.send: 'queued before'] ->
                <./inbox: timeout=20, detect_error=true> -> print($RESULT) ->
                <./inbox: timeout=20, detect_error=true> ->> print($STATUS, $ERROR)
                """);
        assertEquals("queued before\n-1 mail channel /inbox is disabled\n", console);
    }

    @Test
    void detectErrorEndsAWaitThatBeganBeforeTheChannelWasDisabled() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of());
        console.setLength(0);
        JobflowProcess p = kompira.start(kompira.compile("mail.kjf",
                "<./inbox: timeout=20, detect_error=true> ->> print($STATUS, $ERROR)"), Map.of());
        while (!p.state().toString().equals("WAITING")) {
            Thread.sleep(10);
        }
        kompira.objects().setFields("/inbox", Map.of("disabled", true));
        assertTrue(p.await(Duration.ofSeconds(60)).isDone());
        assertEquals("-1 mail channel /inbox is disabled\n", console.toString());
    }

    @Test
    void connCheckLogsInAndOpensTheMailbox() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of("disabled", true));
        kompira.objects().create("/wrong", "MailChannel", Map.of("serverName", "127.0.0.1", "port",
                greenMail.getImap().getPort(), "username", "bot", "password", "wrong", "timeout", 10));
        String console = run("""
                [./inbox.conn_check] -> print('good', $STATUS, $ERROR) ->
                [./wrong.conn_check] => print('bad', $STATUS, $ERROR)
                """);
        assertTrue(console.startsWith("good 0 \nbad 1 conn_check: the IMAP4 server 127.0.0.1:" + greenMail.getImap().getPort()
                + " refused the login"), console);
    }

    @Test
    void closingTheEngineStopsThePolling() throws Exception {
        channel("IMAP4", greenMail.getImap().getPort(), Map.of("action_type", "ExecuteJobflow"));
        kompira.close();
        Thread.sleep(UNIT.toMillis() * 5);
        deliver("after close", "stays");
        Thread.sleep(UNIT.toMillis() * 5);
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && (t.getName().startsWith("kompira-timer-") || t.getName().startsWith("kompira-mail-"))),
                "a thread of the engine is left");
    }

    private void awaitServerCopies(int expected) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (greenMail.getReceivedMessages().length != expected && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(expected, greenMail.getReceivedMessages().length);
    }

    private void awaitLog(String line) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String log = "";
        while (!log.contains(line) && System.nanoTime() < end) {
            Thread.sleep(20);
            log = kompira.objects().field("/inbox", "log").toString();
        }
        assertTrue(log.contains(line), "the connection log: " + log);
    }

    private void awaitSeen(int expected) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen = 0;
        while (System.nanoTime() < end) {
            seen = 0;
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                seen += m.getFlags().contains(Flags.Flag.SEEN) ? 1 : 0;
            }
            if (seen == expected) {
                return;
            }
            Thread.sleep(20);
        }
        assertEquals(expected, seen);
    }

    /**
     * A TCP proxy to GreenMail's IMAP port that cuts its first connection as soon as the client asks for
     * a message's body, as a server that goes away in the middle of a poll; later connections pass.
     */
    private static final class DroppingProxy implements AutoCloseable {

        /** Set when the proxy has cut a connection in the middle of a poll. */
        final AtomicBoolean dropped = new AtomicBoolean();
        private final AtomicBoolean firstTaken = new AtomicBoolean();
        private final ServerSocket listener;
        private final int target;

        DroppingProxy(int target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(this::accept);
        }

        private static void daemon(Runnable work) {
            Thread t = new Thread(work, "dropping-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    boolean drop = firstTaken.compareAndSet(false, true);
                    daemon(() -> pump(server, client, null));
                    daemon(() -> pump(client, server, drop ? new Socket[] {client, server} : null));
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        /** Copies {@code from} to {@code to}; with {@code cut}, closes both when the client asks for a body. */
        private void pump(Socket from, Socket to, Socket[] cut) {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (cut != null && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("BODY")) {
                        cut[0].close();
                        cut[1].close();
                        dropped.set(true);
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException gone) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing only
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
