package dev.kompira.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitoring mode (objects.md §5.1, §4.18): the templates of {@code /system/config} mailed to the administrator. */
class MonitoringMailTest {

    private static MailEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = new MailEngine();
        engine.run("['admin@example.com' >> /system/config.data['adminEmail']]");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        engine.greenMail.purgeEmailFromAllMailboxes();
    }

    private static ProcessOutcome run(String name, String flow) throws Exception {
        JobflowProcess p = engine.kompira.start(engine.kompira.compile(name, flow), Map.of());
        return p.await(MailEngine.WAIT);
    }

    @Test
    void modeMailSendsTheDoneTemplateWhenTheProcessEnds() throws Exception {
        ProcessOutcome outcome = run("nightly.kjf", "[p = current()] -> ['MAIL' >> p.monitoring_mode] -> { pfor i in [1, 2] | print(i) }");
        assertTrue(outcome.isDone(), outcome.toString());
        assertTrue(engine.greenMail.waitForIncomingEmail(10_000, 1));
        Thread.sleep(300);
        MimeMessage[] mails = engine.greenMail.getReceivedMessages();
        assertEquals(1, mails.length, "the pfor children, which inherit the mode, send nothing of their own");
        MimeMessage m = mails[0];
        assertTrue(m.getSubject().matches("\\[Kompira\\] Process \\d+ finished: nightly\\.kjf"), m.getSubject());
        assertEquals("admin@example.com", m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString());
        String body = (String) m.getContent();
        assertTrue(body.startsWith("Jobflow: nightly.kjf\r\nProcess: "), body);
        assertTrue(body.contains("Started: 20") && body.contains("Finished: 20"), body);
    }

    @Test
    void modeAbortMailSendsOnlyWhenTheProcessAborts() throws Exception {
        assertTrue(run("fine.kjf", "[p = current()] -> ['ABORT_MAIL' >> p.monitoring_mode] -> print('fine')").isDone());
        ProcessOutcome aborted = run("broken.kjf", "[p = current()] -> ['ABORT_MAIL' >> p.monitoring_mode] -> abort('disk full')");
        assertEquals(ProcessState.ABORTED, aborted.state());
        assertTrue(engine.greenMail.waitForIncomingEmail(10_000, 1));
        Thread.sleep(300);
        MimeMessage[] mails = engine.greenMail.getReceivedMessages();
        assertEquals(1, mails.length);
        assertTrue(mails[0].getSubject().matches("\\[Kompira\\] Process \\d+ aborted: broken\\.kjf"), mails[0].getSubject());
    }

    @Test
    void modeNothingSendsNothing() throws Exception {
        assertTrue(run("quiet.kjf", "print(current().monitoring_mode)").isDone());
        Thread.sleep(500);
        assertEquals(0, engine.greenMail.getReceivedMessages().length);
    }

    @Test
    void aJobflowObjectStartsInItsDefaultMonitoringModeUnlessTheStartChoosesOne() throws Exception {
        engine.kompira.objects().createJobflow("/backup", "print(current().monitoring_mode) -> abort('tape full')");
        engine.kompira.objects().setField("/backup", "defaultMonitoringMode", "ABORT_MAIL");

        ProcessOutcome chosen = engine.kompira.start("/backup", Map.of(), StartOptions.DEFAULT.withMonitoringMode("NOTHING"))
                .await(MailEngine.WAIT);
        ProcessOutcome defaulted = engine.kompira.start("/backup", Map.of(), StartOptions.DEFAULT).await(MailEngine.WAIT);

        assertEquals(ProcessState.ABORTED, chosen.state());
        assertEquals(ProcessState.ABORTED, defaulted.state());
        assertTrue(engine.greenMail.waitForIncomingEmail(10_000, 1));
        Thread.sleep(300);
        MimeMessage[] mails = engine.greenMail.getReceivedMessages();
        assertEquals(1, mails.length, "only the start that left the mode to the jobflow mails");
        assertTrue(mails[0].getSubject().matches("\\[Kompira\\] Process \\d+ aborted: /backup"), mails[0].getSubject());
    }
}
