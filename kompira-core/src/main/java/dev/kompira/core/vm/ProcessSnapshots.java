package dev.kompira.core.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.json.ValueJson;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FieldAttachment;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.WriteBack;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the whole state of a process as JSON (ARCHITECTURE.md §3, consequence 3) for snapshots
 * and checkpoints: the flows it runs (their source, name and folder; recompiled on restore, which
 * numbers their code the same way), its invocations (one per jobflow call, with status variables,
 * start values, caller and multiplicity hold), every scope, every frame (loops, try, fork and pfor
 * with their children), every value, and its console. Arrays and Dictionaries are written once each
 * into a heap and referred to by number, so that sharing (D43) and cycles survive; processes are
 * referred to by pid, with the outcome of those that have ended. A child that ended before its
 * parent joined it is kept as a short finished record. {@link ProcessRestorer} reads it back.
 *
 * <p>The top-level keys {@code format}, {@code pid}, {@code parent}, {@code children},
 * {@code status}, {@code waiting}, {@code flow} and {@code modes} describe the process for tools
 * such as {@code kompira ps}. Stateless and thread-safe.
 */
public final class ProcessSnapshots {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Format 2 writes values in their one JSON form ({@link ValueJson}); format 1 was never released. */
    static final int FORMAT = 2;

    private ProcessSnapshots() {
    }

    /** Writes the state of {@code m}, which must be suspended at a job boundary. */
    public static String write(Machine m) {
        if (!m.isSuspendedAtBoundary()) {
            throw new IllegalStateException("process " + m.pid() + " must be suspended at a job boundary to be saved");
        }
        return new Writer().write(m, "suspended").toPrettyString();
    }

    /** Writes the state of {@code m} from its own carrier thread, where its frames are consistent (a checkpoint). */
    static String writeRunning(Machine m) {
        return new Writer().write(m, m.isSuspended() ? "suspended" : "running").toString();
    }

    /** Writes the record of {@code m}, a child that has ended with {@code ended} and that its parent has not joined yet. */
    static String writeFinished(Machine m, ProcessOutcome ended) {
        Writer writer = new Writer();
        ObjectNode root = writer.header(m, "finished");
        root.set("ended", writer.outcome(ended, m.finishedTime().orElse(null)));
        writer.finish(root);
        return root.toString();
    }

    /**
     * Encodes one value (with the Arrays and Dictionaries it reaches, shared ones once) as JSON, for
     * messages kept in a store (objects.md §4.7).
     *
     * @throws IllegalStateException when the value holds something that cannot be saved
     */
    static String encodeValue(Value value) {
        Writer writer = new Writer();
        ObjectNode root = JSON.createObjectNode();
        root.set("value", writer.value(value));
        root.set("heap", writer.heap);
        return root.toString();
    }

    /** Writes values, scopes, invocations and frames, numbering what is shared. */
    static final class Writer {

        private final Map<Value, Integer> heapIds = new IdentityHashMap<>();
        private final ArrayNode heap = JSON.createArrayNode();
        private final Map<Scope, Integer> scopeIds = new IdentityHashMap<>();
        private final ArrayNode scopes = JSON.createArrayNode();
        private final Map<Invocation, Integer> invocationIds = new IdentityHashMap<>();
        private final ArrayNode invocations = JSON.createArrayNode();
        private final Map<CompiledProgram, Integer> flowIds = new IdentityHashMap<>();
        private final ArrayNode flows = JSON.createArrayNode();
        private final ValueJson codec = new ValueJson(new SavedReferences(this));

        ObjectNode write(Machine m, String status) {
            ObjectNode root = header(m, status);
            Invocation inv = m.rootInvocation();
            root.put("root", invocation(inv));
            ArrayNode frames = root.putArray("frames");
            for (Frame f : m.frames()) {
                frames.add(frame(f));
            }
            List<Frame> stack = m.frames();
            if (!stack.isEmpty() && stack.get(stack.size() - 1) instanceof ChildrenFrame children) {
                ArrayNode pids = root.putArray("children");
                children.children().forEach(c -> pids.add(c.pid()));
                root.put("waiting", "children " + children.running() + " of " + children.total() + " running");
            } else {
                root.put("waiting", "job at line " + nextLine(stack, m.currentLine()));
            }
            finish(root);
            return root;
        }

        /** The line of the job the process runs next: the next job of its innermost jobflow expression. */
        private static int nextLine(List<Frame> stack, int current) {
            for (int i = stack.size() - 1; i >= 0; i--) {
                if (stack.get(i) instanceof FlowFrame flow) {
                    int next = flow.awaiting ? flow.next - 1 : flow.next;
                    return next >= 0 && next < flow.code.jobs().length ? flow.code.jobs()[next].span().line() : current;
                }
            }
            return current;
        }

        ObjectNode header(Machine m, String status) {
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("pid", m.pid());
            if (m.parentProcess() != null) {
                root.put("parent", m.parentProcess().pid());
            }
            root.put("status", status);
            root.putObject("modes").put("step", m.isStepMode()).put("checkpoint", m.isCheckpointMode());
            CompiledProgram flow = m.rootInvocation().flow;
            root.putObject("flow").put("name", flow.name()).put("directory", flow.directory());
            root.put("started", m.startedTime().toString());
            root.put("console", m.console());
            // what the engine had numbered: a resumed engine goes on above it, so that no pid or channel is reused
            ProcessRegistry registry = m.services().registry();
            root.putObject("numbered").put("pids", registry.lastPid()).put("channels", registry.lastChannelNumber());
            return root;
        }

        void finish(ObjectNode root) {
            root.set("flows", flows);
            root.set("invocations", invocations);
            root.set("scopes", scopes);
            root.set("heap", heap);
        }

        /** Returns how a process ended: state, exit status, result and error. */
        ObjectNode outcome(ProcessOutcome o, java.time.Instant at) {
            ObjectNode ended = JSON.createObjectNode();
            ended.put("state", o.state().name()).put("exit", o.exitStatus());
            ended.set("result", value(o.result()));
            ended.set("error", value(o.error()));
            if (at != null) {
                ended.put("at", at.toString());
            }
            return ended;
        }

        private int flow(CompiledProgram flow) {
            Integer id = flowIds.get(flow);
            if (id == null) {
                id = flows.size();
                flowIds.put(flow, id);
                flows.addObject().put("name", flow.name()).put("directory", flow.directory()).put("source", flow.source());
            }
            return id;
        }

        private int invocation(Invocation inv) {
            Integer id = invocationIds.get(inv);
            if (id != null) {
                return id;
            }
            Integer caller = inv.caller == null ? null : invocation(inv.caller);
            id = invocations.size();
            invocationIds.put(inv, id);
            ObjectNode node = invocations.addObject();
            node.put("flow", flow(inv.flow));
            if (caller != null) {
                node.put("caller", caller);
                node.putArray("callSite").add(inv.callSite.start()).add(inv.callSite.end()).add(inv.callSite.line())
                        .add(inv.callSite.column());
            }
            node.put("scope", scope(inv.scope));
            node.set("result", value(inv.result));
            node.set("status", value(inv.status));
            node.set("error", value(inv.error));
            node.set("debug", value(inv.debug));
            node.set("env", value(inv.env));
            ObjectNode start = node.putObject("start");
            inv.startValues.forEach((k, v) -> start.set(k, value(v)));
            if (inv.lockId != 0) {
                node.put("lock", inv.lockId);
            }
            return id;
        }

        private ObjectNode frame(Frame f) {
            ObjectNode node = JSON.createObjectNode();
            node.put("invocation", invocation(f.invocation));
            node.put("scope", scope(f.scope));
            node.put("root", f == f.invocation.rootFrame);
            if (f instanceof FlowFrame flow) {
                node.put("kind", "flow").put("code", flow.code.id()).put("next", flow.next).put("awaiting", flow.awaiting);
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
            } else if (f instanceof ForkFrame fork) {
                node.put("kind", "fork").put("code", fork.code().id());
                children(node, fork);
            } else if (f instanceof PforFrame pfor) {
                node.put("kind", "pfor").put("code", pfor.code().id());
                ArrayNode items = node.putArray("items");
                pfor.items().forEach(v -> items.add(value(v)));
                children(node, pfor);
            } else if (f instanceof SessionFrame) {
                throw new IllegalStateException("a process inside a session block cannot be saved: a session cannot be reopened");
            } else {
                throw new IllegalStateException("a process cannot be saved inside a " + f.getClass().getSimpleName());
            }
            return node;
        }

        private static void children(ObjectNode node, ChildrenFrame frame) {
            ArrayNode pids = node.putArray("children");
            frame.children().forEach(c -> pids.add(c.pid()));
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
            // a variable not yet assigned is listed apart: its slot's JSON null would read back as the value null
            ArrayNode slots = node.putArray("slots");
            ArrayNode unset = JSON.createArrayNode();
            for (int i = 0; i < s.slots.length; i++) {
                Value v = s.slots[i];
                slots.add(v == null ? NullNode.getInstance() : value(v));
                if (v == null) {
                    unset.add(i);
                }
            }
            if (!unset.isEmpty()) {
                node.set("unset", unset);
            }
            return id;
        }

        JsonNode value(Value v) {
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
            FieldAttachment field;
            if (container instanceof ArrayValue a) {
                node.put("t", "array");
                ArrayNode items = node.putArray("items");
                for (Value item : a.items()) {
                    items.add(value(item));
                }
                field = a.fieldAttachment();
            } else {
                DictionaryValue d = (DictionaryValue) container;
                node.put("t", "dict");
                ArrayNode entries = node.putArray("entries");
                for (Map.Entry<Value, Value> e : d.entries()) {
                    ArrayNode pair = entries.addArray();
                    pair.add(value(e.getKey()));
                    pair.add(value(e.getValue()));
                }
                field = d.fieldAttachment();
            }
            if (field != null) {
                node.putObject("field").put("name", field.field()).set("owner", value(field.owner()));
            }
            return id;
        }
    }

    /**
     * How a snapshot writes what values point to: each Array and Dictionary once, in the heap, then
     * by number ({@code {"$heap": 3}}), so that sharing (D43) and cycles survive; objects of the tree
     * by id and path; channels by object or creation number; bound methods with their receiver;
     * processes by pid, with their outcome when they have ended.
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
            if (v instanceof ProcessValue p) {
                Machine m = p.machine();
                ObjectNode process = n.putObject("$process").put("pid", m.pid()).put("jobflow", m.jobflow());
                if (m.outcome() != null) {
                    process.set("ended", writer.outcome(m.outcome(), m.finishedTime().orElse(null)));
                    process.put("started", m.startedTime().toString());
                    if (m.parentProcess() != null) {
                        process.put("parent", m.parentProcess().pid());
                    }
                }
                return n;
            }
            return null;
        }

        @Override
        public Value decode(String tag, JsonNode body, ValueJson codec) {
            return null;
        }
    }

    /** Makes the containers of a heap, empty: they are filled by {@link #fillHeap}, so that cycles resolve. */
    static List<Value> readHeap(JsonNode nodes) {
        List<Value> heap = new ArrayList<>();
        for (JsonNode n : nodes) {
            heap.add(n.path("t").asText().equals("array") ? new ArrayValue() : new DictionaryValue());
        }
        return heap;
    }

    /**
     * Fills the containers made by {@link #readHeap}, then attaches again those read from an object's
     * field (D37), once all are filled, so that the values nested in them are attached too.
     */
    static void fillHeap(JsonNode nodes, List<Value> heap, ValueJson codec) {
        for (int i = 0; i < heap.size(); i++) {
            JsonNode n = nodes.get(i);
            if (heap.get(i) instanceof ArrayValue a) {
                n.path("items").forEach(item -> a.items().add(codec.decode(item)));
            } else {
                DictionaryValue d = (DictionaryValue) heap.get(i);
                n.path("entries").forEach(pair -> d.put(codec.decode(pair.get(0)), codec.decode(pair.get(1))));
            }
        }
        for (int i = 0; i < heap.size(); i++) {
            JsonNode field = nodes.get(i).path("field");
            if (field.isObject() && codec.decode(field.path("owner")) instanceof ObjectValue owner) {
                WriteBack.attach(heap.get(i), owner.attachment(field.path("name").asText()));
            }
        }
    }

    /** Decodes what {@link #encodeValue} wrote; references resolve in the engine of {@code services}. */
    static Value decodeValue(String json, EngineServices services) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Value> heap = new ArrayList<>();
            ValueJson codec = new ValueJson(new ProcessRestorer.RestoredReferences(heap, services));
            heap.addAll(readHeap(root.path("heap")));
            fillHeap(root.path("heap"), heap, codec);
            return codec.decode(root.path("value"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not an encoded value: " + e.getOriginalMessage(), e);
        }
    }
}
