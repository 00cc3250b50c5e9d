package dev.kompira.core.object.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.object.FieldRules;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.TreeContext;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldValueException;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.store.TreeRules;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.temporal.TemporalParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The import algorithm of objects.md §7.7 over one store transaction: parse, place, order, the
 * objects pass, the fields pass, the Config pass. Errors are collected per entry; a non-lenient
 * import with any error throws {@link ImportException} inside the transaction, so that nothing of
 * it is applied. Used once, by one thread.
 */
final class JsonImporter {

    /** What became of an entry. */
    private enum State {
        PENDING, CREATED, UPDATED, SKIPPED, FAILED
    }

    /** One object of the document. */
    private static final class Entry {
        final int index;
        final ObjectNode node;
        final String objpath;
        final String typepath;
        String target;
        String typeTarget;
        Entry parent;
        Entry type;
        State state = State.PENDING;
        long id;
        long typeId;

        Entry(int index, ObjectNode node) {
            this.index = index;
            this.node = node;
            this.objpath = node.get("objpath").textValue();
            this.typepath = node.get("typepath").textValue();
        }
    }

    private final ObjectTree tree;
    private final String base;
    private final ImportOptions options;
    private final AttachmentSource attachments;
    private final Transaction tx;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byObjpath = new HashMap<>();
    private final Map<String, Entry> byTarget = new HashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int skipped;

    private JsonImporter(ObjectTree tree, String base, ImportOptions options, AttachmentSource attachments, Transaction tx) {
        this.tree = tree;
        this.base = base;
        this.options = options;
        this.attachments = attachments;
        this.tx = tx;
    }

    /** See {@link KompiraExport#importJson(ObjectTree, java.io.Reader, AttachmentSource, String, ImportOptions)}. */
    static ImportReport run(ObjectTree tree, JsonNode document, AttachmentSource attachments, String base, ImportOptions options) {
        if (!document.isArray()) {
            throw new ImportException("the document must be a JSON array of objects, not " + document.getNodeType());
        }
        String absoluteBase = ObjectPaths.resolve(base, "/");
        return tree.store().write("import into " + absoluteBase,
                tx -> new JsonImporter(tree, absoluteBase, options, attachments, tx).importAll(document));
    }

    private ImportReport importAll(JsonNode document) {
        if (tx.get(base).isEmpty()) {
            throw new ImportException(base + ": the import base does not exist");
        }
        read(document);
        entries.forEach(this::place);
        entries.forEach(this::link);
        for (Entry e : ordered()) {
            createOrUpdate(e);
        }
        for (Entry e : entries) {
            if (e.state == State.CREATED || e.state == State.UPDATED) {
                writeFields(e);
                writeConfigData(e);
                keepTimestamps(e);
            }
        }
        if (!errors.isEmpty() && !options.lenient()) {
            throw new ImportException(errors);
        }
        return new ImportReport(count(State.CREATED), count(State.UPDATED), skipped, errors, warnings);
    }

    // ---- step 1: parse

    private void read(JsonNode document) {
        for (int i = 0; i < document.size(); i++) {
            JsonNode item = document.get(i);
            if (item instanceof ObjectNode node && node.path("objpath").isTextual() && node.path("typepath").isTextual()) {
                Entry e = new Entry(i, node);
                entries.add(e);
                byObjpath.putIfAbsent(e.objpath, e);
            } else {
                warnings.add("entry " + i + ": not an object with string 'objpath' and 'typepath'; skipped");
                skipped++;
            }
        }
    }

    // ---- step 2: target paths and names

    private void place(Entry e) {
        String p = e.objpath;
        if (p.equals(".")) {
            e.target = base;
        } else {
            String at = p.startsWith("/") ? "/" : base;
            for (String name : (p.startsWith("/") ? p.substring(1) : p).split("/", -1)) {
                try {
                    TreeRules.checkName(at, name);
                } catch (StoreException bad) {
                    fail(e, bad.getMessage());
                    return;
                }
                at = TreeRules.childPath(at, name);
            }
            e.target = at;
        }
        if (byTarget.putIfAbsent(e.target, e) != null) {
            fail(e, e.target + ": appears twice in the document");
        }
    }

    // ---- step 3: dependencies and order

    private void link(Entry e) {
        if (e.state == State.FAILED) {
            return;
        }
        e.parent = byTarget.get(ObjectPaths.parent(e.target));
        e.typeTarget = resolve(e.typepath);
        if (e.typeTarget == null) {
            fail(e, e.target + ": type '" + e.typepath + "' not found (typepath names no object of the store or the document)");
            return;
        }
        e.type = byTarget.get(e.typeTarget);
    }

    /**
     * Resolves a path string of the document (§7.3) to an absolute path, or null when it names
     * nothing: absolute; {@code .} = the base; an objpath of the document; base-relative; root-relative.
     */
    private String resolve(String p) {
        if (p.startsWith("/")) {
            return ObjectPaths.resolve(p, "/");
        }
        if (p.equals(".")) {
            return base;
        }
        Entry inDocument = byObjpath.get(p);
        if (inDocument != null && inDocument.target != null) {
            return inDocument.target;
        }
        for (String candidate : List.of(ObjectPaths.resolve(p, base), ObjectPaths.resolve(p, "/"))) {
            if (byTarget.containsKey(candidate) || tx.get(candidate).isPresent()) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Orders the entries so that each follows its parent and its type when those are in the
     * document, otherwise in document order (a stable topological sort). Entries left on a cycle fail.
     */
    private List<Entry> ordered() {
        Map<Entry, List<Entry>> dependents = new HashMap<>();
        Map<Entry, Integer> waiting = new HashMap<>();
        PriorityQueue<Entry> ready = new PriorityQueue<>((a, b) -> Integer.compare(a.index, b.index));
        for (Entry e : entries) {
            int count = 0;
            for (Entry dependency : dependencies(e)) {
                dependents.computeIfAbsent(dependency, d -> new ArrayList<>()).add(e);
                count++;
            }
            waiting.put(e, count);
            if (count == 0) {
                ready.add(e);
            }
        }
        List<Entry> order = new ArrayList<>();
        Set<Entry> placed = new HashSet<>();
        while (!ready.isEmpty()) {
            Entry e = ready.poll();
            order.add(e);
            placed.add(e);
            for (Entry d : dependents.getOrDefault(e, List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        for (Entry e : entries) {
            if (!placed.contains(e)) {
                fail(e, e.target + ": its parent and type entries form a cycle");
            }
        }
        return order;
    }

    private List<Entry> dependencies(Entry e) {
        List<Entry> dependencies = new ArrayList<>();
        if (e.parent != null) {
            dependencies.add(e.parent);
        }
        if (e.type != null && e.type != e && e.type != e.parent) {
            dependencies.add(e.type);
        }
        return dependencies;
    }

    // ---- step 4: objects pass

    private void createOrUpdate(Entry e) {
        if (e.state != State.PENDING) {
            return;
        }
        if (e.parent != null && e.parent.state == State.FAILED || e.type != null && e.type != e && e.type.state == State.FAILED) {
            fail(e, e.target + ": not imported because its " + (e.parent != null && e.parent.state == State.FAILED ? "parent "
                    + e.parent.target : "type " + e.type.target) + " could not be imported");
            return;
        }
        try {
            Optional<StoredObject> existing = tx.get(e.target);
            if (existing.isPresent()) {
                update(e, existing.get());
            } else {
                create(e);
            }
        } catch (StoreException | ImportRuleException bad) {
            fail(e, bad.getMessage());
        }
    }

    private void create(Entry e) {
        boolean selfTyped = e.type == e;
        long typeId = selfTyped ? Transaction.SELF_TYPED : typeIdOf(e);
        StoredObject parent = tx.get(ObjectPaths.parent(e.target)).orElseThrow(() -> new ImportRuleException(e.target
                + ": its parent " + ObjectPaths.parent(e.target) + " does not exist and is not part of the import"));
        String name = e.target.substring(e.target.lastIndexOf('/') + 1);
        JsonNode exportedId = e.node.get("id");
        long wantedId = exportedId != null && exportedId.canConvertToLong() && exportedId.isIntegralNumber() ? exportedId.longValue() : 0;
        StoredObject created = tx.create(parent.id(), name, typeId, text(e, "display_name"), owner(e), Map.of(), wantedId);
        e.id = created.id();
        e.typeId = created.typeId();
        tx.update(e.id, new ObjectUpdate(declarations(e), Set.of(), null, orEmpty(text(e, "description")), null,
                permissions(e, "user_permissions"), permissions(e, "group_permissions"), false));
        e.state = State.CREATED;
        reportDeclarationWarnings(e);
    }

    private void update(Entry e, StoredObject existing) {
        long typeId = e.type == e ? existing.id() : typeIdOf(e);
        if (existing.typeId() != typeId) {
            throw new ImportRuleException(e.target + ": exists with type " + tx.get(existing.typeId()).map(StoredObject::path).orElse("?")
                    + ", the import gives " + e.typeTarget);
        }
        e.id = existing.id();
        e.typeId = typeId;
        if (!options.overwrite()) {
            e.state = State.SKIPPED;
            skipped++;
            return;
        }
        tx.update(e.id, new ObjectUpdate(declarations(e), Set.of(), text(e, "display_name"), orEmpty(text(e, "description")),
                owner(e), permissions(e, "user_permissions"), permissions(e, "group_permissions"), true));
        e.state = State.UPDATED;
        reportDeclarationWarnings(e);
    }

    /**
     * Gives {@code e} the exported {@code created} and {@code updated} (§7.7 step 4), last, because
     * the passes before may touch {@code updated}; with stamp-updated, {@code updated} stays now.
     */
    private void keepTimestamps(Entry e) {
        StoredObject o = tx.get(e.id).orElseThrow();
        Instant created = timestamp(e, "created").orElse(o.created());
        Instant updated = options.stampUpdated() ? o.updated() : timestamp(e, "updated").orElse(o.updated());
        if (!created.equals(o.created()) || !updated.equals(o.updated())) {
            tx.stamp(e.id, created, updated);
        }
    }

    private Optional<Instant> timestamp(Entry e, String key) {
        String text = text(e, key);
        if (text == null) {
            return Optional.empty();
        }
        Optional<Instant> parsed = TemporalParser.parseDatetime(text.strip()).map(p -> p.atZone(tree.zone()).toInstant());
        if (parsed.isEmpty()) {
            warnings.add(e.target + ": '" + key + "' is not a timestamp (" + text + "); the import time is kept");
        }
        return parsed;
    }

    /** Returns the id of {@code e}'s type, which must be a type object. */
    private long typeIdOf(Entry e) {
        StoredObject type = tx.get(e.typeTarget).orElseThrow(() -> new ImportRuleException(e.target + ": type "
                + e.typeTarget + " does not exist"));
        if (!FieldRules.isTypeObject(tx, type)) {
            throw new ImportRuleException(e.target + ": typepath '" + e.typepath + "' names " + type.path()
                    + ", which is not a type object");
        }
        return type.id();
    }

    /**
     * The field declarations of a TypeObject, Config or Form entry, converted by its type; they
     * are written in the objects pass because other entries' fields are decoded with them.
     */
    private Map<String, Value> declarations(Entry e) {
        Map<String, Value> values = new LinkedHashMap<>();
        if (!TypeNotes.declaresFields(typePathOf(e))) {
            return values;
        }
        TypeDefinition type = TypeDefinition.of(tx.get(e.typeId).orElseThrow());
        JsonNode fields = e.node.path("fields");
        for (String name : TypeNotes.DECLARATION_FIELDS) {
            type.field(name).ifPresent(f -> decode(e, f, fields.get(name)).ifPresent(v -> values.put(name, v)));
        }
        return values;
    }

    private void reportDeclarationWarnings(Entry e) {
        if (TypeNotes.declaresFields(typePathOf(e))) {
            TypeDefinition.of(tx.get(e.id).orElseThrow()).warnings()
                    .forEach(w -> warnings.add(e.target + ": " + w + " (the declaration is kept verbatim)"));
        }
    }

    // ---- step 5: fields pass

    private void writeFields(Entry e) {
        String typePath = typePathOf(e);
        TypeDefinition type = TypeDefinition.of(tx.get(e.typeId).orElseThrow());
        boolean declaring = TypeNotes.declaresFields(typePath);
        Map<String, Value> set = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.node.path("fields").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (declaring && TypeNotes.DECLARATION_FIELDS.contains(name) || TypeNotes.isDerived(typePath, name)
                    || TypeNotes.isQueue(typePath, name)) {
                continue;
            }
            Optional<FieldDefinition> definition = type.field(name);
            if (definition.isEmpty()) {
                warnings.add(e.target + ": field '" + name + "' is not declared by type " + e.typeTarget + "; ignored");
                continue;
            }
            decode(e, definition.get(), field.getValue()).ifPresent(v -> set.put(name, v));
        }
        Set<String> unset = new HashSet<>();
        if (e.state == State.UPDATED) {
            StoredObject stored = tx.get(e.id).orElseThrow();
            for (String name : stored.fields().keySet()) {
                if (!set.containsKey(name) && !(declaring && TypeNotes.DECLARATION_FIELDS.contains(name))
                        && !name.equals(TypeNotes.CONFIG_DATA)) {
                    unset.add(name);
                }
            }
        }
        tx.update(e.id, new ObjectUpdate(set, unset, null, null, null, null, null, false));
    }

    /** Decodes and converts one value; a failure is a warning and leaves the field unset (empty result). */
    private Optional<Value> decode(Entry e, FieldDefinition field, JsonNode node) {
        try {
            FieldEncoding.Decoder decoder = new FieldEncoding.Decoder(this::resolveObject, attachments,
                    note -> warnings.add(e.target + ": " + note));
            Value input = decoder.field(field.type(), field.name(), node);
            return Optional.of(field.convert(input, TreeContext.trusted(tx, tree.zone(), base)));
        } catch (FieldEncoding.DecodeException | FieldValueException bad) {
            warnings.add(e.target + ": " + bad.getMessage() + "; left unset");
            return Optional.empty();
        } catch (ImportException unreadable) {
            throw new ImportException(e.target + ": " + unreadable.getMessage());
        }
    }

    private Optional<Long> resolveObject(String path) {
        String absolute = resolve(path);
        return absolute == null ? Optional.empty() : tx.get(absolute).map(StoredObject::id);
    }

    // ---- step 6: Config pass

    private void writeConfigData(Entry e) {
        JsonNode data = e.node.get("data");
        boolean wanted = e.state == State.CREATED || options.updateConfig();
        if (!TypeNotes.isConfig(typePathOf(e)) || data == null || !wanted) {
            return;
        }
        if (!data.isObject()) {
            warnings.add(e.target + ": 'data' is not a JSON object; ignored");
            return;
        }
        TypeDefinition declared = TypeDefinition.of(tx.get(e.id).orElseThrow());
        DictionaryValue values = new DictionaryValue();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> item = it.next();
            Optional<FieldDefinition> field = declared.field(item.getKey());
            if (field.isEmpty()) {
                warnings.add(e.target + ": data key '" + item.getKey() + "' is not declared by the Config; ignored");
                continue;
            }
            decode(e, field.get(), item.getValue()).ifPresent(v -> values.put(item.getKey(), v));
        }
        tx.update(e.id, new ObjectUpdate(Map.of(TypeNotes.CONFIG_DATA, values), Set.of(), null, null, null, null, null, false));
    }

    // ---- helpers

    private String typePathOf(Entry e) {
        return tx.get(e.typeId).map(StoredObject::path).orElse("");
    }

    private String owner(Entry e) {
        String exported = text(e, "owner");
        return options.keepOwner() && exported != null && !exported.isEmpty() ? exported : options.principal();
    }

    /** The permissions dictionary of {@code key}, or null (unchanged) when the entry has none. */
    private DictionaryValue permissions(Entry e, String key) {
        JsonNode node = e.node.get(key);
        if (node == null || !node.isObject()) {
            return node == null ? null : new DictionaryValue();
        }
        return (DictionaryValue) FieldEncoding.plain(node);
    }

    private static String text(Entry e, String key) {
        JsonNode node = e.node.get(key);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private void fail(Entry e, String message) {
        e.state = State.FAILED;
        errors.add(message);
    }

    private int count(State state) {
        return (int) entries.stream().filter(e -> e.state == state).count();
    }

    /** A rule of the import algorithm broken by one entry; the message names the object path. */
    private static final class ImportRuleException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ImportRuleException(String message) {
            super(message, null, false, false);
        }
    }
}
