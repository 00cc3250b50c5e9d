package dev.kompira.core.http;

import static dev.kompira.core.http.FlowRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.StringValue;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way {@code urlopen} can fail ends the job with {@code $STATUS = 1} and
 * {@code $ERROR = 'urlopen: <detail>'} (builtins.md §2), promptly and never with a hang.
 */
class UrlopenFaultsTest {

    private static final String REPORT = " => print($STATUS, $ERROR.replace(base, 'BASE'))";

    private LoopbackHttpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackHttpServer.http();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRefusedConnectionFails() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        String console = run("http://127.0.0.1:" + port, "urlopen(base + '/x', timeout=10)" + REPORT);

        assertEquals("1 urlopen: cannot connect to 127.0.0.1:" + port + ": connection refused\n", console);
    }

    @Test
    void anUnknownHostFails() throws Exception {
        String console = run("http://unused.invalid", "urlopen('http://no-such-host.invalid/', timeout=10)" + REPORT);

        assertEquals("1 urlopen: cannot connect to no-such-host.invalid:80: unknown host\n", console);
    }

    @Test
    void theTimeoutLimitsTheWaitForAnAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("/slow", ex -> {
            release.await(30, TimeUnit.SECONDS);
            LoopbackHttpServer.respond(ex, 200, "text/plain", new byte[0]);
        });

        long start = System.nanoTime();
        String console = run(server.base(), "urlopen(base + '/slow', timeout=0.5)" + REPORT);
        release.countDown();

        assertEquals("1 urlopen: no answer from 127.0.0.1:" + server.port() + " within 0.5 seconds\n", console);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void theTimeoutLimitsEachReadOfTheBody() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("/stall", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 3; i++) {
                out.write("part\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(200);
            }
            release.await(30, TimeUnit.SECONDS);
        });

        String console = run(server.base(), "urlopen(base + '/stall', timeout=1)" + REPORT);
        release.countDown();

        assertEquals("1 urlopen: no answer from 127.0.0.1:" + server.port() + " within 1 seconds\n", console);
    }

    @Test
    void timeoutControlVariableCancelsTheRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("/slow", ex -> release.await(30, TimeUnit.SECONDS));

        String console = run(server.base(), "[__timeout__ = 1] -> urlopen(base + '/slow')" + REPORT);
        release.countDown();

        assertEquals("1 urlopen: timed out after 1 seconds (__timeout__)\n", console);
    }

    @Test
    void terminatingTheProcessCancelsTheRequest() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.on("/slow", ex -> {
            arrived.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        try (Kompira engine = Kompira.builder().build()) {
            JobflowProcess process = engine.start(engine.compile("t.kjf", "| base = '' |\nurlopen(base + '/slow') -> print('not reached')\n"),
                    Map.of("base", StringValue.of(server.base())));
            assertTrue(arrived.await(30, TimeUnit.SECONDS));

            process.terminate();
            ProcessOutcome outcome = process.await(Duration.ofSeconds(10));

            assertEquals("terminated", outcome.error().toString().replace("'", ""));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCertificateThatDoesNotVerifyFailsWithVerifyAndIsAcceptedWithout() throws Exception {
        Path keystore = LoopbackHttpServer.selfSignedKeystore(dir, "other.example");
        try (LoopbackHttpServer https = LoopbackHttpServer.https(keystore)) {
            https.text("/secure", 200, "secret page");

            String console = run(https.base(), "urlopen(base + '/secure') -> print($STATUS, $RESULT.text, $RESULT.url.startswith('https://'))\n"
                    + "-> urlopen(base + '/secure', verify=true, timeout=10)" + REPORT);

            String[] lines = console.split("\n");
            assertEquals("0 secret page true", lines[0]);
            assertTrue(lines[1].startsWith("1 urlopen: TLS failure with 127.0.0.1:" + https.port() + ": "), lines[1]);
        }
    }

    @Test
    void aBodyLargerThanTheLimitFailsWithoutBeingKept() throws Exception {
        byte[] megabyte = new byte[1024 * 1024];
        server.on("/announced", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, 50L * megabyte.length);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(megabyte);
                }
            }
        });
        server.on("/chunked", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(megabyte);
                }
            }
        });

        String console = run(server.base(), "urlopen(base + '/announced', timeout=30)" + REPORT + " ->\n"
                + "urlopen(base + '/chunked', timeout=30)" + REPORT);

        assertEquals("1 urlopen: the response body is larger than 16 MiB (BASE/announced)\n"
                + "1 urlopen: the response body is larger than 16 MiB (BASE/chunked)\n", console);
    }

    @Test
    void aHeadRequestOfALargeResourceIsAnswered() throws Exception {
        server.on("/big", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.getResponseHeaders().set("Content-Length", String.valueOf(50L * 1024 * 1024));
            ex.sendResponseHeaders(200, -1);
        });

        String console = run(server.base(), "urlopen(base + '/big', http_method='HEAD') => print($STATUS, $RESULT.code,"
                + " $RESULT.headers['content-length'], length($RESULT.content))\n");

        assertEquals("0 200 52428800 0\n", console);
    }

    @Test
    void aBodyInAnotherCharsetThanDeclaredIsDecodedWithReplacementCharacters() throws Exception {
        byte[] sjis = "日本語".getBytes("Shift_JIS");
        server.on("/wrong", ex -> LoopbackHttpServer.respond(ex, 200, "text/plain; charset=utf-8", sjis));

        String console = run(server.base(), "urlopen(base + '/wrong') -> print($STATUS, $RESULT.encoding, $RESULT.text.find('\\ufffd') >= 0,"
                + " $RESULT.content.decode('shift_jis'))\n"
                + "-> urlopen(base + '/wrong', charset='cp932') -> print($RESULT.text, $RESULT.encoding)\n");

        assertEquals("0 utf-8 true 日本語\n日本語 cp932\n", console);
    }

    @Test
    void aCorruptGzipBodyFails() throws Exception {
        server.on("/bad", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            LoopbackHttpServer.respond(ex, 200, "text/plain", "not gzip at all".getBytes(StandardCharsets.UTF_8));
        });

        String console = run(server.base(), "urlopen(base + '/bad')" + REPORT);

        assertTrue(console.startsWith("1 urlopen: cannot undo the gzip coding of the response from BASE/bad: "), console);
    }
}
