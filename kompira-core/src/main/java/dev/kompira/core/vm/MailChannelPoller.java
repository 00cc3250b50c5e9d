package dev.kompira.core.vm;

import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.mail.MailException;
import dev.kompira.core.mail.MailboxSettings;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the mailboxes of the tree's MailChannel objects (objects.md §4.20) on the engine's timer: no
 * thread of its own and none per channel. Once every {@code minute} it looks for the channels that are
 * enabled and active (someone waits on them, or their action is {@code ExecuteJobflow}) and whose
 * {@code checkInterval} has passed since their last poll, and asks the mail support to fetch their mail
 * on its I/O threads; each mail is sent to the channel as its raw MIME text. A poll that fails is
 * logged, reported to the channel's waits with {@code detect_error=true} (language.md §8.5), and tried
 * again at the channel's next interval. Thread-safe; {@link #close()} stops polling.
 */
public final class MailChannelPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailChannelPoller.class);
    private static final String TYPE = "MailChannel";
    /** {@code checkInterval} when the object leaves it unset or 0, in minutes. */
    private static final long DEFAULT_INTERVAL = 10;
    private static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private final EngineServices services;
    private final long minuteNanos;
    /** When each channel was last polled ({@link System#nanoTime()}), by object id. */
    private final Map<Long, Long> lastPoll = new ConcurrentHashMap<>();
    /** The channels whose poll has not ended yet: one poll per channel at a time. */
    private final Set<Long> polling = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> scans;

    /**
     * Makes a poller for {@code services}' tree and mail support.
     *
     * @param minute the length of one step of {@code checkInterval}: one minute, shorter in tests
     */
    public MailChannelPoller(EngineServices services, Duration minute) {
        this.services = services;
        this.minuteNanos = minute.toNanos();
    }

    /**
     * Starts looking for due channels once every minute, from a minute after now (a store is not read
     * when the engine starts). The tree is walked on a carrier thread: the timer only wakes other things.
     */
    public void start() {
        scans = services.timer().scheduleWithFixedDelay(() -> services.carriers().execute(this::scan), minuteNanos,
                minuteNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops polling; a poll under way ends on the mail support's thread and delivers what it read. */
    @Override
    public void close() {
        ScheduledFuture<?> s = scans;
        if (s != null) {
            s.cancel(false);
        }
    }

    private void scan() {
        try {
            long now = System.nanoTime();
            List<StoredObject> channels = mailChannels();
            // forget the channels that were deleted
            lastPoll.keySet().retainAll(channels.stream().map(StoredObject::id).toList());
            for (StoredObject o : channels) {
                consider(new ObjectValue(services.tree(), o.id(), o.path()), o.id(), now);
            }
        } catch (RuntimeException e) {
            // the timer must go on: a failed scan is retried at the next one
            LOG.warn("cannot look for mail channels to poll: {}", e.toString());
        }
    }

    /** Polls {@code channel} if it is due; a channel deleted or changed meanwhile does not stop the others. */
    private void consider(ObjectValue channel, long id, long now) {
        try {
            if (channel.attribute("disabled").truthy()) {
                if (waitedFor(channel)) {
                    // waits with detect_error=true that began before the channel was disabled end now
                    channel.channel().reportFault(disabled(channel));
                }
            } else if (due(channel, id, now) && polling.add(id)) {
                lastPoll.put(id, now);
                poll(channel, id);
            }
        } catch (RuntimeException e) {
            LOG.warn("mail channel {}: {}", channel.text(), e.getMessage());
        }
    }

    /** The {@code $ERROR} of a wait with {@code detect_error=true} on a disabled channel. */
    static String disabled(ObjectValue channel) {
        return "mail channel " + channel.text() + " is disabled";
    }

    /** Polling runs only while someone waits on the channel or an action is set (objects.md §4.20), at its interval. */
    private boolean due(ObjectValue channel, long id, long now) {
        if (!waitedFor(channel) && !"ExecuteJobflow".equals(Rendering.text(channel.attribute("action_type")))) {
            return false;
        }
        Long last = lastPoll.get(id);
        return last == null || now - last >= interval(channel) * minuteNanos;
    }

    /** Whether an event job waits on the channel now. */
    private static boolean waitedFor(ObjectValue channel) {
        return channel.channel().attribute("event_count") instanceof IntegerValue waiting && waiting.longValue() > 0;
    }

    private static long interval(ObjectValue channel) {
        return channel.attribute("checkInterval") instanceof IntegerValue i && i.longValue() > 0 ? i.longValue()
                : DEFAULT_INTERVAL;
    }

    private void poll(ObjectValue channel, long id) {
        try {
            MailboxSettings server = settings(channel);
            ChannelValue queue = channel.channel();
            services.mail().fetch(server, raw -> queue.send(StringValue.of(new String(raw, StandardCharsets.UTF_8))))
                    .whenComplete((count, failure) -> {
                        polling.remove(id);
                        if (failure == null) {
                            MailChannelLog.append(services, id, server.endpoint() + ": received " + count + " mail(s)");
                            return;
                        }
                        String error = failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
                        LOG.warn("mail channel {}: {}; trying again at its next interval", channel.text(), error);
                        MailChannelLog.append(services, id, error);
                        queue.reportFault(error);
                    });
        } catch (RuntimeException e) {
            polling.remove(id);
            LOG.warn("mail channel {}: {}", channel.text(), e.getMessage());
            MailChannelLog.append(services, id, e.getMessage());
            channel.channel().reportFault(e.getMessage());
        }
    }

    /** The MailChannel objects of the tree, found by walking it from the root. */
    private List<StoredObject> mailChannels() {
        Deque<StoredObject> todo = new ArrayDeque<>();
        List<StoredObject> found = new ArrayList<>();
        services.tree().get("/").ifPresent(todo::add);
        while (!todo.isEmpty()) {
            StoredObject o = todo.pop();
            if (services.tree().typeName(o).equals(TYPE)) {
                found.add(o);
            }
            todo.addAll(services.tree().children(o.id()));
        }
        return found;
    }

    /**
     * The mailbox settings of a MailChannel object with the defaults of objects.md §4.20.
     *
     * @throws MailException when the fields do not describe a mailbox that can be read
     */
    static MailboxSettings settings(ObjectValue channel) {
        String host = MailJobs.text(channel.attribute("serverName"));
        boolean pop3 = "POP3".equals(Rendering.text(channel.attribute("protocol")));
        int port = channel.attribute("port") instanceof IntegerValue p && p.longValue() > 0 ? (int) p.longValue() : 0;
        long seconds = channel.attribute("timeout") instanceof IntegerValue t && t.longValue() > 0 ? t.longValue()
                : DEFAULT_TIMEOUT_SECONDS;
        String mailbox = MailJobs.text(channel.attribute("mailbox"));
        boolean markSeen = "ReceiveUnseenAndSetSeen".equals(Rendering.text(channel.attribute("receive_mode")));
        if (pop3 && markSeen) {
            throw new MailException(channel.text() + " reads a POP3 mailbox, which only ReceiveAllAndDelete can read");
        }
        return new MailboxSettings(host == null ? "localhost" : host, port, pop3, channel.attribute("SSL").truthy(),
                MailJobs.text(channel.attribute("username")), MailJobs.text(channel.attribute("password")),
                Duration.ofSeconds(seconds), mailbox == null ? "INBOX" : mailbox, markSeen);
    }
}
