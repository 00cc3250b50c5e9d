package dev.kompira.core.vm;

import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection log of a MailChannel object (objects.md §4.20): one line per poll in its invisible
 * {@code log} field, the oldest lines dropped first so that it keeps at most {@code logSize} characters
 * ({@code 65536} when unset; {@code 0} keeps none) (J176). The line is written in one store write that
 * leaves {@code updated} alone, as the queue is; being invisible, the Git store keeps it as runtime state,
 * out of the reviewed files.
 */
final class MailChannelLog {

    private static final Logger LOG = LoggerFactory.getLogger(MailChannelLog.class);
    private static final long DEFAULT_SIZE = 65_536;

    private MailChannelLog() {
    }

    /**
     * Appends {@code line}, stamped with the engine's clock, to the log of MailChannel {@code id}; a log
     * that cannot be written is a logged warning, as it must not stop the poll that reports.
     */
    static void append(EngineServices services, long id, String line) {
        String stamped = Instant.now(services.clock()).truncatedTo(ChronoUnit.SECONDS) + " " + line + "\n";
        try {
            write(services, id, stamped);
        } catch (RuntimeException e) {
            LOG.warn("cannot write the log of mail channel #{}: {}", id, e.getMessage());
        }
    }

    private static void write(EngineServices services, long id, String stamped) {
        services.tree().write("log of mail channel #" + id, tx -> {
            StoredObject o = tx.get(id).orElse(null);
            if (o == null) {
                return null;
            }
            Map<String, Value> fields = o.fields();
            long size = fields.get("logSize") instanceof IntegerValue s && s.fitsLong() ? s.longValue() : DEFAULT_SIZE;
            String before = fields.get("log") instanceof StringValue s ? s.value() : "";
            String log = trimmed(before + stamped, size);
            return tx.update(id, new ObjectUpdate(Map.of("log", StringValue.of(log)), Set.of(), null, null, null, null, null, false));
        });
    }

    /** Drops whole lines from the front of {@code log} until it has at most {@code size} characters. */
    static String trimmed(String log, long size) {
        int from = 0;
        while (log.length() - from > size) {
            int next = log.indexOf('\n', from);
            from = next < 0 ? log.length() : next + 1;
        }
        return log.substring(from);
    }
}
