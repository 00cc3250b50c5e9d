package dev.kompira.core.vm;

import dev.kompira.core.mail.MailDraft;
import dev.kompira.core.mail.MailSupport;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Templates;
import dev.kompira.core.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mails of monitoring mode (objects.md §5.1, §4.18): when a top-level process in mode {@code MAIL}
 * ends, or one in mode {@code ABORT_MAIL} ends ABORTED, the MailTemplate that {@code /system/config}
 * names ({@code doneMailTemplate} or {@code abortMailTemplate}) is filled in and sent through the
 * engine's server to the administrator address. Sending happens on the mail support's threads; a mail
 * that cannot be sent is logged, never a failure of the process, which has already ended.
 */
final class MonitoringMail {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringMail.class);

    private MonitoringMail() {
    }

    /** Sends the mail of {@code m}'s monitoring mode, if any, now that it ended with {@code outcome}. */
    static void afterEnd(Machine m, ProcessOutcome outcome, Instant finished) {
        String mode = m.monitoringMode();
        boolean aborted = outcome.state() == ProcessState.ABORTED;
        if (!(mode.equals("MAIL") || mode.equals("ABORT_MAIL") && aborted) || m.parent().isPresent()) {
            return;
        }
        EngineServices services = m.services();
        MailSupport mail = services.mail();
        String admin = MailJobs.adminAddress(services);
        if (mail == null || admin == null) {
            LOG.warn("process {} ended in monitoring mode {}, but no mail is sent: {}", m.pid(), mode,
                    mail == null ? "the engine has no mail support (kompira-mail)" : "/system/config has no adminEmail");
            return;
        }
        try {
            Value template = MailJobs.systemSetting(services, aborted ? "abortMailTemplate" : "doneMailTemplate");
            if (!(template instanceof ObjectValue t)) {
                LOG.warn("process {} ended in monitoring mode {}, but /system/config names no mail template", m.pid(), mode);
                return;
            }
            DictionaryValue values = placeholders(m, finished);
            MailDraft draft = new MailDraft(admin, List.of(admin), List.of(), List.of(), List.of(),
                    Templates.expand(Rendering.text(t.attribute("subject")), values::get),
                    Templates.expand(Rendering.text(t.attribute("body")), values::get), null, List.of(), List.of(), List.of(),
                    StandardCharsets.UTF_8, false, false, Instant.now(services.clock()), MailJobs.userAgent());
            mail.send(draft, MailJobs.engineServer(services)).whenComplete((sent, failure) -> {
                if (failure != null) {
                    LOG.warn("cannot send the monitoring mail of process {}: {}", m.pid(), failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot send the monitoring mail of process {}: {}", m.pid(), e.getMessage());
        }
    }

    /** {@code %{jobflow}}, {@code %{process}}, {@code %{started_time}}, {@code %{finished_time}} (objects.md §4.18). */
    private static DictionaryValue placeholders(Machine m, Instant finished) {
        DictionaryValue d = new DictionaryValue();
        d.put("jobflow", StringValue.of(m.jobflow()));
        d.put("process", IntegerValue.of(m.pid()));
        d.put("started_time", m.startedTime() == null ? NullValue.NULL : new DatetimeValue(m.startedTime().atZone(m.zone())));
        d.put("finished_time", new DatetimeValue(finished.atZone(m.zone())));
        return d;
    }
}
