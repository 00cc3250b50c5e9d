package dev.kompira.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.IntegerValue;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;

/**
 * {@value #MAILS} mails sent one after the other by {@code mailto} from a jobflow to GreenMail's SMTP
 * server on loopback (in this JVM), and the same number sent by a plain Jakarta Mail loop
 * ({@code Transport.send}). {@code mailto} keeps its connection for the next mail (J169); the loop
 * opens one per mail, as {@code Transport.send} does, and so shows what a connection costs: GreenMail
 * answers EHLO in several small writes, which wait some 40 ms for the client's delayed
 * acknowledgement. The two alternate in rounds of {@value #ROUND}, after one unmeasured round each,
 * and the mails per second of both are printed (bar: {@code mailto} at least 200 mails/s).
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.MailFigures</pre>
 */
public final class MailFigures {

    /** Mails measured on each side. */
    public static final int MAILS = 1000;
    /** Mails per alternating round. */
    public static final int ROUND = 100;

    private MailFigures() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        try (Kompira engine = Kompira.builder().build()) {
            engine.objects().setFields("/system/smtp_servers/Default", Map.of("hostname", "127.0.0.1", "port", port));
            CompiledFlow flow = engine.compile("mails.kjf", "| n |\n{ for i in n | mailto(to='bench@example.com',"
                    + " from='kompira@example.com', subject='report %i', body='line one\\nline two\\n', placeholder={i = i}) }");
            Session session = Session.getInstance(smtp(port));
            jobflowRound(engine, flow);
            rawRound(session);
            long ours = 0;
            long raw = 0;
            for (int sent = 0; sent < MAILS; sent += ROUND) {
                greenMail.purgeEmailFromAllMailboxes();
                ours += jobflowRound(engine, flow);
                raw += rawRound(session);
            }
            System.out.printf("%d sequential mails to GreenMail on loopback: mailto %.0f mails/s (bar: >= 200), "
                    + "Jakarta Mail loop %.0f mails/s, time ratio %.2f%n", MAILS, MAILS / (ours / 1e9), MAILS / (raw / 1e9),
                    (double) ours / raw);
        } finally {
            greenMail.stop();
        }
    }

    private static Properties smtp(int port) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.localhost", "localhost");
        return p;
    }

    /** Sends {@value #ROUND} mails from the flow; returns nanoseconds. */
    private static long jobflowRound(Kompira engine, CompiledFlow flow) throws InterruptedException {
        long start = System.nanoTime();
        ProcessOutcome outcome = engine.start(flow, Map.of("n", IntegerValue.of(ROUND))).await();
        long took = System.nanoTime() - start;
        if (!outcome.isDone()) {
            throw new IllegalStateException("the benchmark flow failed: " + outcome);
        }
        return took;
    }

    /** Sends {@value #ROUND} mails with Jakarta Mail alone; returns nanoseconds. */
    private static long rawRound(Session session) throws MessagingException {
        long start = System.nanoTime();
        for (int i = 0; i < ROUND; i++) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("kompira@example.com"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("bench@example.com"));
            m.setSubject("report " + i, "utf-8");
            m.setText("line one\nline two\n", "utf-8");
            Transport.send(m);
        }
        return System.nanoTime() - start;
    }
}
