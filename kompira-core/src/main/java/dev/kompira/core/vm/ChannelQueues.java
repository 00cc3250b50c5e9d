package dev.kompira.core.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.event.ChannelValue.Message;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties the message queues of Channel objects to the engine (objects.md §4.7). A message sent while
 * nobody waits starts the channel's action target when its {@code action_type} is
 * {@code ExecuteJobflow}: a new process runs that Jobflow with the message as its first argument.
 * Otherwise the message is queued, and queues are kept in the store so that messages
 * outlive the engine: the queue is the invisible field {@code message_queue}, one Binary per
 * message (the JSON of its id and its value), and the last message id is kept beside it, so that
 * ids are never reused while the channel exists. A change of a queue returns once it is saved by a
 * store write that does not touch the object's {@code updated}; changes that come during a write are
 * saved together by the next one ({@link QueueJournal}).
 *
 * <p>A message holding a value that cannot be saved (a Process) stays in memory: the queue is then
 * not saved until that message is gone, and a warning is logged.
 *
 * <p>Thread-safe: one write at a time per channel, each of the newest version offered.
 */
public final class ChannelQueues implements ChannelValue.Backing {

    private static final String QUEUE_FIELD = "message_queue";
    private static final String LAST_ID_FIELD = "message_last_id";

    private static final Logger LOG = LoggerFactory.getLogger(ChannelQueues.class);
    /** Made on first use: Jackson takes a tenth of a second to load, and most engines never read a saved queue. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final EngineServices services;
    /** The saving of each channel's queue, by object id. */
    private final Map<Long, QueueJournal> journals = new ConcurrentHashMap<>();

    /** Keeps the queues of the Channel objects of {@code services}' tree, resolving saved references in that engine. */
    public ChannelQueues(EngineServices services) {
        this.services = services;
    }

    /** Returns the queue of Channel object {@code id} with the messages saved in the store. */
    public ChannelValue open(long id) {
        Optional<StoredObject> channel = services.tree().get(id);
        List<Message> saved = new ArrayList<>();
        long lastId = 0;
        if (channel.isPresent()) {
            Map<String, Value> fields = channel.get().fields();
            if (fields.get(QUEUE_FIELD) instanceof ArrayValue queue) {
                queue.items().forEach(item -> decode(channel.get(), item).ifPresent(saved::add));
            }
            lastId = fields.get(LAST_ID_FIELD) instanceof IntegerValue last && last.fitsLong() ? last.longValue() : 0;
        }
        return ChannelValue.ofObject(id, saved, lastId, this);
    }

    /**
     * Saves {@code queue} as version {@code version} of channel {@code channel}'s queue, and returns
     * once it, or a later version, is saved. Changes that come while the channel's queue is being
     * written wait and are saved together by the next write (a group commit): a busy channel costs a
     * write per round of changes, not per message, so its throughput does not fall as its queue grows.
     */
    @Override
    public void queueChanged(ChannelValue channel, long version, List<Message> queue, long lastId) {
        QueueJournal journal = journals.computeIfAbsent(channel.objectId(), QueueJournal::new);
        journal.offer(version, queue, lastId);
        journal.awaitSaved(version, this::save);
    }

    /** Writes one version of a channel's queue: encoded with the journal's remembered encodings. */
    private void save(QueueJournal journal, QueueJournal.Pending pending) {
        long id = journal.channelId;
        List<Value> encoded;
        try {
            encoded = journal.encode(pending.queue(), ChannelQueues::encode);
        } catch (IllegalStateException unsavable) {
            LOG.warn("the queue of channel object #{} is not saved: {}", id, unsavable.getMessage());
            return;
        }
        Map<String, Value> fields = Map.of(QUEUE_FIELD, new ArrayValue(encoded), LAST_ID_FIELD, IntegerValue.of(pending.lastId()));
        services.tree().write("queue of channel #" + id, tx -> tx.get(id).isEmpty() ? null
                : tx.update(id, new ObjectUpdate(fields, Set.of(), null, null, null, null, null, false)));
    }

    @Override
    public boolean takeUnclaimed(ChannelValue channel, Value message) {
        Optional<StoredObject> o = services.tree().get(channel.objectId());
        if (o.isEmpty() || !"ExecuteJobflow".equals(Rendering.text(services.tree().readField(o.get(), "action_type")))) {
            return false;
        }
        if (!(services.tree().readField(o.get(), "action_target") instanceof ObjectValue target)
                || !services.tree().typeName(target.stored()).equals("Jobflow")) {
            LOG.warn("{}: the action target is not a Jobflow; the message is queued", o.get().path());
            return false;
        }
        try {
            CompiledProgram flow = services.jobflows().compiled(target.stored());
            Optional<String> refusal = refusal(flow);
            if (refusal.isPresent()) {
                LOG.warn("{}: {} {}; the message is queued", o.get().path(), target.text(), refusal.get());
                return false;
            }
            Machine m = Machine.create(services.registry().newPid(), flow,
                    new LinkedHashMap<>(Map.of(flow.parameters().get(0).name(), message)), StartOptions.DEFAULT, services);
            m.runsJobflow(target.stored(), StartOptions.DEFAULT);
            m.start();
            return true;
        } catch (JobflowError notCompiled) {
            LOG.warn("{}: {}; the message is queued", o.get().path(), notCompiled.getMessage());
            return false;
        }
    }

    /** Why {@code flow} cannot take a message: it needs one parameter, with defaults for the others. */
    private static Optional<String> refusal(CompiledProgram flow) {
        if (flow.parameters().isEmpty()) {
            return Optional.of("has no parameter for the message");
        }
        boolean othersDefaulted = flow.parameters().stream().skip(1).allMatch(p -> p.defaultValue() != null);
        return othersDefaulted ? Optional.empty() : Optional.of("has parameters without defaults besides the first");
    }

    private static Value encode(Message m) {
        String json = "{\"id\":" + m.id() + ",\"value\":" + ProcessSnapshots.encodeValue(m.value()) + "}";
        return BinaryValue.of(json.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Message> decode(StoredObject channel, Value item) {
        try {
            JsonNode node = Json.MAPPER.readTree(((BinaryValue) item).bytes());
            Value value = ProcessSnapshots.decodeValue(node.path("value").toString(), services);
            return Optional.of(new Message(node.path("id").asLong(), value));
        } catch (IOException | RuntimeException bad) {
            LOG.warn("{}: a saved message cannot be read and is dropped: {}", channel.path(), bad.getMessage());
            return Optional.empty();
        }
    }
}
