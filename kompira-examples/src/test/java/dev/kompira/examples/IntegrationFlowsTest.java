package dev.kompira.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.value.Value;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integration flows of {@code kompira-examples/flows} (docs/integrations.md), each as a Jobflow object
 * beside the objects it uses, against real servers in this JVM: an HTTP API on the JDK's server, and
 * GreenMail's SMTP and IMAP.
 */
class IntegrationFlowsTest {

    private static final Path FLOWS = Path.of("flows");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuffer console = new StringBuffer();
    private GreenMail greenMail;
    private Kompira kompira;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        greenMail.start();
        kompira = Kompira.builder().mailCheckUnit(Duration.ofMillis(100)).console((pid, text) -> console.append(text)).build();
        kompira.objects().setFields("/system/smtp_servers/Default",
                Map.of("hostname", "127.0.0.1", "port", greenMail.getSmtp().getPort(), "timeout", 10));
        kompira.objects().createDirectory("/ops");
    }

    @AfterEach
    void stop() {
        kompira.close();
        greenMail.stop();
    }

    /** Makes {@code flows/NAME.kjf} the Jobflow object {@code /ops/NAME} and runs it with {@code parameters}. */
    private ProcessOutcome run(String name, Map<String, String> parameters) throws Exception {
        kompira.objects().createJobflow("/ops/" + name, Files.readString(FLOWS.resolve(name + ".kjf")));
        Map<String, Value> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            values.put(p.getKey(), kompira.parameterValue(p.getKey(), p.getValue()));
        }
        ProcessOutcome outcome = kompira.start("/ops/" + name, values, StartOptions.DEFAULT).await(WAIT);
        assertTrue(outcome.isDone(), outcome + "\n" + console);
        return outcome;
    }

    @Test
    void theGuideShowsTheFlowsAsTheyAre() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "integrations.md"));
        for (String name : List.of("rest_call", "mail_report", "mail_reactor")) {
            assertTrue(guide.contains(Files.readString(FLOWS.resolve(name + ".kjf"))), name + ".kjf differs from docs/integrations.md");
        }
    }

    @Test
    void restCallOpensATicketForEachHostTheApiReportsDown() throws Exception {
        List<JsonNode> tickets = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/v1/hosts", exchange -> {
            boolean authorized = "Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean downOnly = "state=down".equals(exchange.getRequestURI().getRawQuery());
            answer(exchange, authorized && downOnly ? 200 : 400, "[{\"name\": \"web1\"}, {\"name\": \"db2\"}]");
        });
        api.createContext("/v1/tickets", exchange -> {
            JsonNode ticket = JSON.readTree(exchange.getRequestBody());
            boolean json = "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            tickets.add(ticket);
            answer(exchange, json && exchange.getRequestMethod().equals("POST") ? 201 : 400, "{\"id\": " + (100 + tickets.size()) + "}");
        });
        api.start();
        try {
            String url = "'http://127.0.0.1:" + api.getAddress().getPort() + "'";
            ProcessOutcome outcome = run("rest_call", Map.of("api", url, "token", "'t0ken'"));
            assertEquals("[101, 102]", outcome.result().toString());
        } finally {
            api.stop(0);
        }
        assertEquals("ticket 101 opened for web1\nticket 102 opened for db2\n", console.toString());
        assertEquals(JSON.readTree("{\"title\": \"web1 is down\", \"host\": \"web1\"}"), tickets.get(0));
        assertEquals(JSON.readTree("{\"title\": \"db2 is down\", \"host\": \"db2\"}"), tickets.get(1));
    }

    private static void answer(HttpExchange exchange, int code, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void mailReportMailsTheNightlyResultKeptInAnObject() throws Exception {
        kompira.objects().create("/ops/nightly_result", "Config", Map.of("fieldNames", List.of("date", "ok_num", "ng_num", "ng_hosts"),
                "fieldDisplayNames", List.of("Date", "Hosts OK", "Hosts NG", "NG hosts"),
                "fieldTypes", List.of("String", "Integer", "Integer", "Array")));
        // what the nightly check leaves behind
        ProcessOutcome check = kompira.start(kompira.compile("check.kjf",
                "[{date = '2026-12-06', ok_num = 48, ng_num = 2, ng_hosts = ['web3', 'db1']} >> /ops/nightly_result.data]"),
                Map.of()).await(WAIT);
        assertTrue(check.isDone(), check.toString());

        run("mail_report", Map.of("to", "'oncall@example.com'"));

        assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertEquals(1, mails.length);
        MimeMessage mail = mails[0];
        assertEquals("[nightly check] 2026-12-06: 2 NG, 48 OK", mail.getSubject());
        assertEquals("oncall@example.com", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertTrue(mail.isMimeType("text/plain"), mail.getContentType());
        // the SMTP transfer owns the final line end
        assertEquals("Hosts that failed the check on 2026-12-06:\r\n  - web3\r\n  - db1", mail.getContent().toString().stripTrailing());
        assertEquals("mailed oncall@example.com: [nightly check] 2026-12-06: 2 NG, 48 OK\n", console.toString());
    }

    @Test
    void mailReactorRestartsForProblemMailsAndNotesRecoveries() throws Exception {
        GreenMailUser alerts = greenMail.setUser("alerts@example.com", "alerts", "s3cret");
        kompira.objects().create("/ops/alerts", "MailChannel", Map.of("serverName", "127.0.0.1",
                "port", greenMail.getImap().getPort(), "username", "alerts", "password", "s3cret", "checkInterval", 1,
                "disabled", false));
        for (String subject : List.of("PROBLEM: disk full on nginx", "RECOVERY: disk ok on nginx", "weekly digest")) {
            alerts.deliver(mail(subject));
        }

        run("mail_reactor", Map.of("count", "3"));

        assertEquals("restarting nginx\nnginx recovered\nignored: weekly digest\n", console.toString());
        long end = System.nanoTime() + WAIT.toNanos();
        while (greenMail.getReceivedMessages().length > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, greenMail.getReceivedMessages().length, "the channel deletes what it has read");
    }

    private MimeMessage mail(String subject) throws Exception {
        MimeMessage m = new MimeMessage((jakarta.mail.Session) null);
        m.setFrom("monitor@example.com");
        m.setRecipients(Message.RecipientType.TO, "alerts@example.com");
        m.setSubject(subject);
        m.setText("see the dashboard");
        m.saveChanges();
        return m;
    }
}
