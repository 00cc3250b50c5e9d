package dev.kompira.mail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.Value;
import java.time.Duration;
import java.util.Map;

/**
 * An engine that finds this module through ServiceLoader, and a GreenMail server with SMTP and SMTPS on
 * loopback ports of its own; {@code /system/smtp_servers/Default} points at GreenMail's SMTP port.
 */
final class MailEngine implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    final GreenMail greenMail;
    final Kompira kompira;
    private final StringBuffer console = new StringBuffer();

    MailEngine() {
        greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()});
        greenMail.start();
        kompira = Kompira.builder().console((pid, text) -> console.append(text)).build();
        kompira.objects().setFields("/system/smtp_servers/Default",
                Map.of("hostname", "127.0.0.1", "port", greenMail.getSmtp().getPort(), "timeout", 10));
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    /** Runs {@code flow} to its end (DONE) and returns its console. */
    String run(String flow) throws Exception {
        return run(flow, Map.of());
    }

    /** Runs {@code flow} with {@code parameters} to its end (DONE) and returns its console. */
    String run(String flow, Map<String, Value> parameters) throws Exception {
        console.setLength(0);
        JobflowProcess p = kompira.start(kompira.compile("mail.kjf", flow), parameters);
        ProcessOutcome outcome = p.await(WAIT);
        assertTrue(outcome.isDone(), outcome + "\n" + console);
        return console.toString();
    }

    @Override
    public void close() {
        kompira.close();
        greenMail.stop();
    }
}
