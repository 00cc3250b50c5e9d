package dev.kompira.core.vm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.json.ValueJson;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.source.Span;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds processes from what {@link ProcessSnapshots} wrote: a whole checkpoint store after the
 * engine stopped or crashed, or one snapshot moved to another engine. Each process comes back in its
 * own context — its flows recompiled from the source it was running, in their own folders; its
 * invocations, scopes, frames, values and console; its multiplicity holds; its parent and children
 * with their join (children that had ended stay ended and are not run again) — and then runs on from
 * where it was saved, or waits to be resumed.
 *
 * <p>Not thread-safe: one restorer restores once, before the processes it builds run.
 */
public final class ProcessRestorer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProcessRestorer.class);

    /** Compiles a saved flow: its source text, named and placed as it was. */
    @FunctionalInterface
    public interface FlowCompiler {
        /**
         * Returns the compiled flow.
         *
         * @throws IllegalArgumentException when the source does not compile any more, saying why
         */
        CompiledProgram compile(String name, String source, String directory);
    }

    /**
     * A saved process.
     *
     * @param origin where it was read from (a file name), for messages
     * @param text   the saved JSON
     */
    public record Saved(String origin, String text) {
    }

    /**
     * A saved process that could not be restored.
     *
     * @param origin where it was read from
     * @param reason why
     */
    public record Refused(String origin, String reason) {
    }

    private final EngineServices services;
    private final FlowCompiler compiler;
    private final Map<Long, Parsed> byPid = new LinkedHashMap<>();

    /** A restorer for the engine of {@code services}, compiling saved flows with {@code compiler}. */
    public ProcessRestorer(EngineServices services, FlowCompiler compiler) {
        this.services = services;
        this.compiler = compiler;
    }

    /** One saved record, read. */
    private static final class Parsed {
        final String origin;
        final JsonNode root;
        final long pid;
        Machine machine;
        Reader reader;

        Parsed(String origin, JsonNode root, long pid) {
            this.origin = origin;
            this.root = root;
            this.pid = pid;
        }

        boolean finished() {
            return root.path("status").asText().equals("finished");
        }
    }

    /**
     * Resumes every process of {@code records} under its saved pid, and starts those that were
     * running; returns the records that could not be restored (the others are restored all the same).
     */
    public List<Refused> resume(List<Saved> records) {
        List<Refused> refused = new ArrayList<>();
        for (Saved saved : records) {
            try {
                JsonNode root = parse(saved.text());
                long pid = root.path("pid").asLong();
                byPid.put(pid, new Parsed(saved.origin(), root, pid));
                services.registry().reservePid(root.path("numbered").path("pids").asLong());
                services.registry().reserveChannelNumber(root.path("numbered").path("channels").asLong());
            } catch (IllegalArgumentException e) {
                refused.add(new Refused(saved.origin(), e.getMessage()));
            }
        }
        for (Parsed p : byPid.values()) {
            p.machine = Machine.shell(p.pid, services);
        }
        List<Parsed> built = new ArrayList<>();
        for (Parsed p : byPid.values()) {
            try {
                if (p.finished()) {
                    restoreFinished(p);
                } else {
                    p.reader = new Reader(p.root, this);
                    p.reader.build(p.machine);
                    built.add(p);
                }
            } catch (RuntimeException e) {
                refused.add(new Refused(p.origin, e.getMessage()));
                services.registry().remove(p.machine);
            }
        }
        for (Parsed p : built) {
            p.reader.linkChildren(p.machine);
        }
        for (Parsed p : built) {
            p.reader.holdSlots(p.machine);
            p.machine.startRestored(p.root.path("status").asText().equals("suspended"));
        }
        return refused;
    }

    /**
     * Restores one snapshot written by {@link ProcessSnapshots#write} as a new process of this
     * engine, with a new pid; it waits to be resumed.
     *
     * @throws IllegalArgumentException when the snapshot cannot be restored, saying why
     */
    public Machine restoreSuspended(String snapshot, long pid) {
        JsonNode root = parse(snapshot);
        Machine m = Machine.shell(pid, services);
        Reader reader = new Reader(root, this);
        try {
            reader.build(m);
            if (reader.hasChildren) {
                throw new IllegalArgumentException("a process waiting for its fork or pfor children cannot be restored alone");
            }
        } catch (RuntimeException e) {
            services.registry().remove(m);
            throw e;
        }
        reader.holdSlots(m);
        m.startRestored(true);
        return m;
    }

    private static JsonNode parse(String text) {
        JsonNode root;
        try {
            root = ProcessSnapshots.JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a process snapshot: " + e.getOriginalMessage(), e);
        }
        int format = root.path("format").asInt();
        if (format == 1) {
            throw new IllegalArgumentException("a process snapshot of format 1, which this version no longer reads: finish"
                    + " the process with the version that saved it, or delete the snapshot");
        }
        if (format != ProcessSnapshots.FORMAT || !root.has("pid")) {
            throw new IllegalArgumentException("not a process snapshot of format " + ProcessSnapshots.FORMAT);
        }
        return root;
    }

    private void restoreFinished(Parsed p) {
        Reader reader = new Reader(p.root, this);
        reader.readHeap();
        p.machine.restoreFinished(p.root.path("flow").path("name").asText(), reader.outcome(p.root.path("ended")),
                Instant.parse(p.root.path("started").asText()), reader.console());
        // a parent that has joined it no longer lists it, but it is still its parent; its record goes with the
        // parent's next save, or now when the parent has ended too
        Parsed parent = p.root.has("parent") ? byPid.get(p.root.path("parent").asLong()) : null;
        if (parent != null && !listsChild(parent.root, p.pid)) {
            p.machine.restoredParent(parent.machine);
            if (parent.finished()) {
                removeRecord(p.pid);
            } else {
                parent.machine.joinedBeforeRestore(p.machine);
            }
        }
    }

    private static boolean listsChild(JsonNode parent, long pid) {
        for (JsonNode frame : parent.path("frames")) {
            for (JsonNode child : frame.path("children")) {
                if (child.asLong() == pid) {
                    return true;
                }
            }
        }
        return false;
    }

    private void removeRecord(long pid) {
        try {
            services.checkpoints().remove(pid);
        } catch (IOException e) {
            LOG.warn("cannot remove the saved record of process {}, which nothing needs any more", pid, e);
        }
    }

    /**
     * Returns the Process value a saved value describes: the process of this engine with its pid when
     * there is one, else a finished record of it (with the outcome saved with it, or as lost).
     */
    static Value process(JsonNode saved, EngineServices services, ValueJson codec) {
        long pid = saved.path("pid").asLong();
        Optional<Machine> known = services.registry().machine(pid);
        if (known.isPresent()) {
            return known.get().value();
        }
        Machine record = Machine.shell(pid, services);
        ProcessOutcome ended = saved.has("ended") ? outcome(saved.path("ended"), codec)
                : new ProcessOutcome(ProcessState.ABORTED, 1, StringValue.EMPTY,
                        StringValue.of("process " + pid + " was not restored"), null);
        Instant started = saved.has("started") ? Instant.parse(saved.path("started").asText()) : Instant.now(services.clock());
        record.restoreFinished(saved.path("jobflow").asText(), ended, started, "");
        if (saved.has("parent")) {
            // the parent is restored in the same pass when it is saved too, so that p.parent == current() holds again
            services.registry().machine(saved.path("parent").asLong()).ifPresent(record::restoredParent);
        }
        return record.value();
    }

    /** Reads how a process ended, as {@link ProcessSnapshots} wrote it. */
    static ProcessOutcome outcome(JsonNode ended, ValueJson codec) {
        return new ProcessOutcome(ProcessState.valueOf(ended.path("state").asText()), ended.path("exit").asLong(),
                codec.decode(ended.path("result")), codec.decode(ended.path("error")), null);
    }

    /** Resolves the references of one saved process in this engine. */
    static final class RestoredReferences implements ValueJson.References {

        private final List<Value> heap;
        private final EngineServices services;

        RestoredReferences(List<Value> heap, EngineServices services) {
            this.heap = heap;
            this.services = services;
        }

        @Override
        public JsonNode encode(Value v, ValueJson codec) {
            return null;
        }

        @Override
        public Value decode(String tag, JsonNode body, ValueJson codec) {
            switch (tag) {
                case "$heap":
                    return heap.get(body.asInt());
                case "$object":
                    return new ObjectValue(services.tree(), body.path("id").asLong(), body.path("path").asText());
                case "$channel":
                    return body.has("object") ? services.tree().channel(body.path("object").asLong())
                            : services.registry().restoredChannel(body.path("number").asLong());
                case "$method":
                    return new MethodValue(codec.decode(body.path("receiver")), body.path("name").asText());
                case "$process":
                    return process(body, services, codec);
                default:
                    return null;
            }
        }
    }

    /** Reads one saved process into a shell. */
    static final class Reader {

        private final JsonNode root;
        private final ProcessRestorer restorer;
        private final List<Value> heap = new ArrayList<>();
        private final List<Scope> scopes = new ArrayList<>();
        private final List<CompiledProgram> flows = new ArrayList<>();
        private final List<Invocation> invocations = new ArrayList<>();
        private final List<ChildrenFrame> childFrames = new ArrayList<>();
        private final List<JsonNode> childFrameNodes = new ArrayList<>();
        private final ValueJson codec;
        boolean hasChildren;

        Reader(JsonNode root, ProcessRestorer restorer) {
            this.root = root;
            this.restorer = restorer;
            this.codec = new ValueJson(new RestoredReferences(heap, restorer.services));
        }

        void readHeap() {
            heap.addAll(ProcessSnapshots.readHeap(root.path("heap")));
            ProcessSnapshots.fillHeap(root.path("heap"), heap, codec);
        }

        String console() {
            return root.path("console").asText();
        }

        ProcessOutcome outcome(JsonNode ended) {
            return ProcessRestorer.outcome(ended, codec);
        }

        void build(Machine m) {
            for (JsonNode f : root.path("flows")) {
                flows.add(restorer.compiler.compile(f.path("name").asText(), f.path("source").asText(), f.path("directory").asText()));
            }
            readHeap();
            readScopes();
            for (JsonNode inv : root.path("invocations")) {
                invocations.add(invocation(inv));
            }
            List<Frame> frames = new ArrayList<>();
            for (JsonNode f : root.path("frames")) {
                frames.add(frame(f, m));
            }
            boolean[] modes = {root.path("modes").path("step").asBoolean(), root.path("modes").path("checkpoint").asBoolean()};
            Instant started = root.has("started") ? Instant.parse(root.path("started").asText()) : Instant.now(restorer.services.clock());
            m.restoreState(invocations.get(root.path("root").asInt()), frames, console(), modes, started);
        }

        private Invocation invocation(JsonNode node) {
            Invocation caller = node.has("caller") ? invocations.get(node.path("caller").asInt()) : null;
            JsonNode site = node.path("callSite");
            Span callSite = site.isArray() ? new Span(site.get(0).asInt(), site.get(1).asInt(), site.get(2).asInt(), site.get(3).asInt())
                    : Span.NONE;
            Invocation inv = new Invocation(flows.get(node.path("flow").asInt()), caller, callSite,
                    (DictionaryValue) codec.decode(node.path("env")));
            inv.scope = scopes.get(node.path("scope").asInt());
            inv.result = codec.decode(node.path("result"));
            inv.status = codec.decode(node.path("status"));
            inv.error = codec.decode(node.path("error"));
            inv.debug = codec.decode(node.path("debug"));
            Map<String, Value> start = new LinkedHashMap<>();
            node.path("start").fields().forEachRemaining(e -> start.put(e.getKey(), codec.decode(e.getValue())));
            inv.startValues = start;
            inv.lockId = node.path("lock").asLong();
            return inv;
        }

        private Frame frame(JsonNode f, Machine m) {
            Invocation inv = invocations.get(f.path("invocation").asInt());
            Scope scope = scopes.get(f.path("scope").asInt());
            Object code = inv.flow.code(f.path("code").asInt());
            Frame frame = switch (f.path("kind").asText()) {
                case "flow" -> {
                    FlowFrame flow = new FlowFrame((CompiledProgram.FlowCode) code, inv, scope);
                    flow.next = f.path("next").asInt();
                    flow.awaiting = f.path("awaiting").asBoolean();
                    yield flow;
                }
                case "for" -> {
                    List<Value> items = f.has("range") ? new IntegerRange(f.path("range").asInt()) : values(f.path("items"));
                    ForFrame loop = new ForFrame((CompiledProgram.ForCode) code, inv, scope, items);
                    loop.position = f.path("position").asInt();
                    yield loop;
                }
                case "while" -> new WhileFrame((CompiledProgram.WhileCode) code, inv, scope);
                case "try" -> {
                    TryFrame t = new TryFrame((CompiledProgram.TryCode) code, inv, scope);
                    t.started = f.path("started").asBoolean();
                    yield t;
                }
                case "fork" -> children(new ForkFrame((CompiledProgram.ForkCode) code, inv, scope, m), f);
                case "pfor" -> children(new PforFrame((CompiledProgram.PforCode) code, inv, scope, values(f.path("items")), m), f);
                default -> throw new IllegalArgumentException("unknown frame kind in snapshot: " + f.path("kind").asText());
            };
            if (f.path("root").asBoolean()) {
                inv.rootFrame = frame;
            }
            return frame;
        }

        private ChildrenFrame children(ChildrenFrame frame, JsonNode f) {
            hasChildren |= !f.path("children").isEmpty();
            childFrames.add(frame);
            childFrameNodes.add(f);
            return frame;
        }

        /**
         * Gives each fork or pfor frame of {@code parent} its children: restored processes, finished
         * records, and — for a child saved nowhere, which had not got to its first job — a fresh start.
         */
        void linkChildren(Machine parent) {
            for (int i = 0; i < childFrames.size(); i++) {
                ChildrenFrame frame = childFrames.get(i);
                List<Machine> children = new ArrayList<>();
                int index = 0;
                for (JsonNode pid : childFrameNodes.get(i).path("children")) {
                    Optional<Machine> child = restorer.services.registry().machine(pid.asLong());
                    children.add(child.isPresent() ? frame.adoptRestored(parent, child.get(), index)
                            : frame.forkAgain(parent, pid.asLong(), index));
                    index++;
                }
                frame.restoreChildren(children);
            }
        }

        /** Takes again the multiplicity slots the process's invocations held. */
        void holdSlots(Machine m) {
            for (Invocation inv : invocations) {
                if (inv.lockId != 0) {
                    Optional<StoredObject> jobflow = restorer.services.tree().get(inv.lockId);
                    int limit = jobflow.map(o -> JobflowCalls.multiplicityOf(restorer.services.tree(), o)).orElse(0);
                    if (limit > 0) {
                        restorer.services.multiplicity().restoreHold(inv.lockId, limit, m);
                    } else {
                        inv.lockId = 0;
                    }
                }
            }
        }

        private List<Value> values(JsonNode array) {
            List<Value> items = new ArrayList<>();
            array.forEach(n -> items.add(codec.decode(n)));
            return items;
        }

        private void readScopes() {
            for (JsonNode s : root.path("scopes")) {
                Scope parent = s.has("parent") ? scopes.get(s.path("parent").asInt()) : null;
                Scope scope = new Scope(s.path("slots").size(), parent);
                int i = 0;
                for (JsonNode slot : s.path("slots")) {
                    scope.slots[i++] = codec.decode(slot);
                }
                s.path("unset").forEach(index -> scope.slots[index.asInt()] = null);
                scopes.add(scope);
            }
        }
    }
}
