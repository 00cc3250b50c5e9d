package dev.kompira.core.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.json.ValueJson;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializes the whole state of a suspended process to JSON and back (ARCHITECTURE.md §3,
 * consequence 3): the flow's source (recompiled on restore, which numbers its code the same way),
 * the invocation's status variables and start values, every scope, every frame, and every value.
 * Arrays and Dictionaries are written once each into a heap and referred to by number, so that
 * sharing (D43) and cycles survive the round trip.
 */
public final class ProcessSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Format 2 writes values in their one JSON form ({@link ValueJson}); format 1 was never released. */
    private static final int FORMAT = 2;

    private ProcessSnapshots() {
    }

    /** Writes the state of {@code m}, which must be suspended at a job boundary. */
    public static String write(Machine m) {
        if (!m.isSuspendedAtBoundary()) {
            throw new IllegalStateException("process " + m.pid() + " must be suspended at a job boundary to be saved");
        }
        return new Writer().write(m).toPrettyString();
    }

    /** Writes the state of {@code m} from its own carrier thread, between two jobs (a checkpoint). */
    static String writeAtBoundary(Machine m) {
        return new Writer().write(m).toString();
    }

    /** Parses a snapshot; the caller recompiles the flow and calls {@link Restored#build}. */
    public static Restored read(String snapshot) {
        try {
            JsonNode root = JSON.readTree(snapshot);
            int format = root.path("format").asInt();
            if (format == 1) {
                throw new IllegalArgumentException("a process snapshot of format 1, which this version no longer reads: finish"
                        + " the process with the version that saved it, or delete the snapshot");
            }
            if (format != FORMAT) {
                throw new IllegalArgumentException("not a process snapshot of format " + FORMAT);
            }
            return new Restored(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a process snapshot: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Encodes one value (with the Arrays and Dictionaries it reaches, shared ones once) as JSON, for
     * messages kept in a store (objects.md §4.7).
     *
     * @throws IllegalStateException when the value holds something that cannot be saved (a Process)
     */
    static String encodeValue(Value value) {
        Writer writer = new Writer();
        ObjectNode root = JSON.createObjectNode();
        root.set("value", writer.value(value));
        root.set("heap", writer.heap);
        return root.toString();
    }

    /** Decodes what {@link #encodeValue} wrote; references resolve in the engine of {@code services}. */
    static Value decodeValue(String json, EngineServices services) {
        try {
            Reader reader = new Reader(JSON.readTree(json), null, services);
            reader.readHeap();
            return reader.value(reader.root.path("value"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not an encoded value: " + e.getOriginalMessage(), e);
        }
    }

    /** A parsed snapshot waiting for its recompiled flow. */
    public static final class Restored {

        private final JsonNode root;

        private Restored(JsonNode root) {
            this.root = root;
        }

        /** Returns the flow's source name. */
        public String flowName() {
            return root.path("flow").path("name").asText();
        }

        /** Returns the flow's source text. */
        public String source() {
            return root.path("flow").path("source").asText();
        }

        /** Returns the pid the process had when it was saved. */
        public long pid() {
            return root.path("pid").asLong();
        }

        /**
         * Rebuilds the process as process {@code pid} of an engine: suspended (it waits for a
         * resume), or running on from where it was saved.
         */
        public Machine build(CompiledProgram flow, long pid, EngineServices services, boolean suspended) {
            return new Reader(root, flow, services).build(pid, suspended);
        }
    }

    /** Writes values, scopes and frames, numbering shared objects. */
    private static final class Writer {

        private final Map<Value, Integer> heapIds = new IdentityHashMap<>();
        private final ArrayNode heap = JSON.createArrayNode();
        private final Map<Scope, Integer> scopeIds = new IdentityHashMap<>();
        private final ArrayNode scopes = JSON.createArrayNode();

        ObjectNode write(Machine m) {
            Invocation inv = m.rootInvocation();
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("pid", m.pid());
            root.putObject("modes").put("step", m.isStepMode()).put("checkpoint", m.isCheckpointMode());
            root.putObject("flow").put("name", inv.flow.name()).put("source", inv.flow.source());
            ObjectNode invocation = root.putObject("invocation");
            invocation.put("scope", scope(inv.scope));
            invocation.set("result", value(inv.result));
            invocation.set("status", value(inv.status));
            invocation.set("error", value(inv.error));
            invocation.set("debug", value(inv.debug));
            invocation.set("env", value(inv.env));
            ObjectNode start = invocation.putObject("start");
            inv.startValues.forEach((k, v) -> start.set(k, value(v)));
            ArrayNode frames = root.putArray("frames");
            for (Frame f : m.frames()) {
                frames.add(frame(f, inv));
            }
            root.put("console", m.console());
            root.set("scopes", scopes);
            root.set("heap", heap);
            return root;
        }

        private ObjectNode frame(Frame f, Invocation inv) {
            if (f.invocation != inv) {
                throw new IllegalStateException("snapshots of jobflow calls are not supported yet");
            }
            ObjectNode node = JSON.createObjectNode();
            node.put("scope", scope(f.scope));
            if (f instanceof FlowFrame flow) {
                node.put("kind", "flow").put("code", flow.code.id()).put("next", flow.next)
                        .put("awaiting", flow.awaiting).put("root", flow == inv.rootFrame);
            } else if (f instanceof ForFrame loop) {
                node.put("kind", "for").put("code", loop.code.id()).put("position", loop.position);
                if (loop.items instanceof IntegerRange range) {
                    node.put("range", range.size());
                } else {
                    ArrayNode items = node.putArray("items");
                    loop.items.forEach(v -> items.add(value(v)));
                }
            } else if (f instanceof WhileFrame loop) {
                node.put("kind", "while").put("code", loop.code.id());
            } else if (f instanceof TryFrame t) {
                node.put("kind", "try").put("code", t.code.id()).put("started", t.started);
            } else if (f instanceof SessionFrame) {
                throw new IllegalStateException("a process inside a session block cannot be saved: a session cannot be reopened");
            } else {
                throw new IllegalStateException("a process inside a fork or pfor block cannot be saved yet");
            }
            return node;
        }

        private int scope(Scope s) {
            Integer id = scopeIds.get(s);
            if (id != null) {
                return id;
            }
            Integer parent = s.parent == null ? null : scope(s.parent);
            id = scopes.size();
            scopeIds.put(s, id);
            ObjectNode node = scopes.addObject();
            if (parent != null) {
                node.put("parent", parent);
            }
            ArrayNode slots = node.putArray("slots");
            for (Value v : s.slots) {
                slots.add(v == null ? null : value(v));
            }
            return id;
        }

        private final ValueJson codec = new ValueJson(new SavedReferences(this));

        private JsonNode value(Value v) {
            try {
                return codec.encode(v);
            } catch (IllegalArgumentException unsaveable) {
                throw new IllegalStateException(unsaveable.getMessage());
            }
        }

        private int heapRef(Value container) {
            Integer id = heapIds.get(container);
            if (id != null) {
                return id;
            }
            id = heap.size();
            heapIds.put(container, id);
            ObjectNode node = heap.addObject();
            if (container instanceof ArrayValue a) {
                node.put("t", "array");
                ArrayNode items = node.putArray("items");
                for (Value item : a.items()) {
                    items.add(value(item));
                }
            } else {
                node.put("t", "dict");
                ArrayNode entries = node.putArray("entries");
                for (Map.Entry<Value, Value> e : ((DictionaryValue) container).entries()) {
                    ArrayNode pair = entries.addArray();
                    pair.add(value(e.getKey()));
                    pair.add(value(e.getValue()));
                }
            }
            return id;
        }
    }

    /** Rebuilds values (containers first, then their contents, so cycles resolve), scopes and frames. */
    private static final class Reader {

        private final JsonNode root;
        private final CompiledProgram flow;
        private final List<Value> heap = new ArrayList<>();
        private final List<Scope> scopes = new ArrayList<>();
        private final EngineServices services;

        Reader(JsonNode root, CompiledProgram flow, EngineServices services) {
            this.root = root;
            this.flow = flow;
            this.services = services;
        }

        Machine build(long pid, boolean suspended) {
            readHeap();
            readScopes();
            JsonNode invNode = root.path("invocation");
            Invocation inv = new Invocation(flow, null, dev.kompira.dsl.source.Span.NONE, (DictionaryValue) value(invNode.path("env")));
            inv.scope = scopes.get(invNode.path("scope").asInt());
            inv.result = value(invNode.path("result"));
            inv.status = value(invNode.path("status"));
            inv.error = value(invNode.path("error"));
            inv.debug = value(invNode.path("debug"));
            Map<String, Value> start = new LinkedHashMap<>();
            invNode.path("start").fields().forEachRemaining(e -> start.put(e.getKey(), value(e.getValue())));
            inv.startValues = start;
            List<Frame> frames = new ArrayList<>();
            for (JsonNode f : root.path("frames")) {
                frames.add(frame(f, inv));
            }
            boolean[] modes = {root.path("modes").path("step").asBoolean(), root.path("modes").path("checkpoint").asBoolean()};
            return Machine.restore(pid, services, inv, frames, root.path("console").asText(), suspended, modes);
        }

        private Frame frame(JsonNode f, Invocation inv) {
            Scope scope = scopes.get(f.path("scope").asInt());
            Object code = flow.code(f.path("code").asInt());
            switch (f.path("kind").asText()) {
                case "flow": {
                    FlowFrame frame = new FlowFrame((CompiledProgram.FlowCode) code, inv, scope);
                    frame.next = f.path("next").asInt();
                    frame.awaiting = f.path("awaiting").asBoolean();
                    if (f.path("root").asBoolean()) {
                        inv.rootFrame = frame;
                    }
                    return frame;
                }
                case "for": {
                    List<Value> items = f.has("range") ? new IntegerRange(f.path("range").asInt()) : values(f.path("items"));
                    ForFrame frame = new ForFrame((CompiledProgram.ForCode) code, inv, scope, items);
                    frame.position = f.path("position").asInt();
                    return frame;
                }
                case "while":
                    return new WhileFrame((CompiledProgram.WhileCode) code, inv, scope);
                default: {
                    TryFrame frame = new TryFrame((CompiledProgram.TryCode) code, inv, scope);
                    frame.started = f.path("started").asBoolean();
                    return frame;
                }
            }
        }

        private List<Value> values(JsonNode array) {
            List<Value> items = new ArrayList<>();
            array.forEach(n -> items.add(value(n)));
            return items;
        }

        private void readHeap() {
            JsonNode nodes = root.path("heap");
            for (JsonNode n : nodes) {
                heap.add(n.path("t").asText().equals("array") ? new ArrayValue() : new DictionaryValue());
            }
            for (int i = 0; i < heap.size(); i++) {
                JsonNode n = nodes.get(i);
                if (heap.get(i) instanceof ArrayValue a) {
                    n.path("items").forEach(item -> a.items().add(value(item)));
                } else {
                    DictionaryValue d = (DictionaryValue) heap.get(i);
                    n.path("entries").forEach(pair -> d.put(value(pair.get(0)), value(pair.get(1))));
                }
            }
        }

        private void readScopes() {
            for (JsonNode s : root.path("scopes")) {
                Scope parent = s.has("parent") ? scopes.get(s.path("parent").asInt()) : null;
                Scope scope = new Scope(s.path("slots").size(), parent);
                int i = 0;
                for (JsonNode slot : s.path("slots")) {
                    scope.slots[i++] = slot.isNull() ? null : value(slot);
                }
                scopes.add(scope);
            }
        }

        private final ValueJson codec = new ValueJson(new RestoredReferences(this));

        private Value value(JsonNode n) {
            return codec.decode(n);
        }
    }

    /**
     * How a snapshot writes what values point to: each Array and Dictionary once, in the heap, then
     * by number ({@code {"$heap": 3}}), so that sharing (D43) and cycles survive; objects of the tree
     * by id and path; channels by object or creation number; bound methods with their receiver.
     */
    private record SavedReferences(Writer writer) implements ValueJson.References {

        @Override
        public JsonNode encode(Value v, ValueJson codec) {
            ObjectNode n = JSON.createObjectNode();
            if (v instanceof ArrayValue || v instanceof DictionaryValue) {
                return n.put("$heap", writer.heapRef(v));
            }
            if (v instanceof ObjectValue o) {
                n.putObject("$object").put("id", o.id()).put("path", o.text());
                return n;
            }
            if (v instanceof ChannelValue c) {
                ObjectNode channel = n.putObject("$channel");
                if (c.objectId() != 0) {
                    channel.put("object", c.objectId());
                } else {
                    channel.put("number", c.number());
                }
                return n;
            }
            if (v instanceof MethodValue mv) {
                n.putObject("$method").put("name", mv.name()).set("receiver", codec.encode(mv.receiver()));
                return n;
            }
            return null;
        }

        @Override
        public Value decode(String tag, JsonNode body, ValueJson codec) {
            return null;
        }
    }

    /** Reads what {@link SavedReferences} wrote, resolving it in the restoring engine. */
    private record RestoredReferences(Reader reader) implements ValueJson.References {

        @Override
        public JsonNode encode(Value v, ValueJson codec) {
            return null;
        }

        @Override
        public Value decode(String tag, JsonNode body, ValueJson codec) {
            switch (tag) {
                case "$heap":
                    return reader.heap.get(body.asInt());
                case "$object":
                    return new ObjectValue(reader.services.tree(), body.path("id").asLong(), body.path("path").asText());
                case "$channel":
                    return body.has("object") ? reader.services.tree().channel(body.path("object").asLong())
                            : reader.services.registry().restoredChannel(body.path("number").asLong());
                case "$method":
                    return new MethodValue(codec.decode(body.path("receiver")), body.path("name").asText());
                default:
                    return null;
            }
        }
    }
}
