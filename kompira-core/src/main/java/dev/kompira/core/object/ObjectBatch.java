package dev.kompira.core.object;

import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldTypeException;
import dev.kompira.core.object.types.StandardTree;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.store.TreeRules;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.Values;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The operations of {@link ObjectOperations} inside one transaction of the object tree: what
 * {@link ObjectManager#batch} hands its work. Reads see the batch's own writes; the batch's writes
 * become visible to others, and are committed (one commit in the Git store), only when the work
 * returns, all of them or — when the work throws — none.
 *
 * <p>Each write is checked before it changes anything: a refused one throws
 * {@link WriteRefusedException} and leaves the batch as it was, so work that catches the exception
 * may go on; work that lets it escape aborts the whole batch.
 *
 * <p>Confined to the thread that runs the batch, and usable only while the work runs.
 */
public final class ObjectBatch implements ObjectOperations {

    /** The types whose objects hold other objects. */
    static final Set<String> CONTAINER_TYPES = Set.of(type("Directory"), type("Table"));
    private static final String JOBFLOW = type("Jobflow");
    private static final String DIRECTORY = "Directory";

    private final ObjectTree tree;
    private final Transaction tx;
    private final List<Runnable> afterCommit;
    private boolean open = true;

    /** Works in {@code tx} of {@code tree}; {@code afterCommit} collects what to do once the batch is committed. */
    ObjectBatch(ObjectTree tree, Transaction tx, List<Runnable> afterCommit) {
        this.tree = tree;
        this.tx = tx;
        this.afterCommit = afterCommit;
    }

    /** Ends the batch: its handle is no longer usable. */
    void close() {
        open = false;
    }

    private static String type(String name) {
        return BuiltinTypes.TYPES_DIRECTORY + "/" + name;
    }

    // ---- reads

    @Override
    public boolean exists(String path) {
        checkOpen();
        return tx.get(absolute(path)).isPresent();
    }

    @Override
    public Optional<ObjectView> find(String path) {
        checkOpen();
        return tx.get(absolute(path)).map(this::view);
    }

    @Override
    public ObjectView get(String path) {
        String p = absolute(path);
        return find(p).orElseThrow(() -> new NoSuchElementException("no object at " + p));
    }

    @Override
    public Value field(String path, String name) {
        return get(path).field(name);
    }

    @Override
    public List<ObjectView> list(String path) {
        checkOpen();
        String p = absolute(path);
        StoredObject o = tx.get(p).orElseThrow(() -> new NoSuchElementException("no object at " + p));
        return tx.children(o.id()).stream().map(this::view).toList();
    }

    // ---- creating

    @Override
    public ObjectView create(String path, String type, Map<String, ?> fields) {
        return create(absolute(path), type, fields, true);
    }

    @Override
    public ObjectView createDirectory(String path) {
        return create(path, DIRECTORY, Map.of());
    }

    @Override
    public ObjectView createDirectories(String path) {
        checkOpen();
        String p = absolute(path);
        StoredObject current = tx.root();
        for (String name : p.substring(1).split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            String at = TreeRules.childPath(current.path(), name);
            Optional<StoredObject> there = tx.get(at);
            if (there.isEmpty()) {
                create(at, DIRECTORY, Map.of(), true);
                current = tx.get(at).orElseThrow();
            } else if (!isContainer(there.get())) {
                throw new WriteRefusedException(new WriteRefusedException.Problem(p, null,
                        at + " is a " + typeName(there.get()) + ", not a Directory"));
            } else {
                current = there.get();
            }
        }
        return view(current);
    }

    @Override
    public ObjectView createJobflow(String path, String source) {
        return create(absolute(path), "Jobflow", Map.of("source", Objects.requireNonNull(source, "source")), true);
    }

    @Override
    public ObjectView createJobflowDraft(String path, String source) {
        return create(absolute(path), "Jobflow", Map.of("source", Objects.requireNonNull(source, "source")), false);
    }

    @Override
    public ObjectView setDraftSource(String path, String source) {
        checkOpen();
        String p = absolute(path);
        StoredObject o = existing(p);
        if (!typePath(o).equals(JOBFLOW)) {
            throw new WriteRefusedException(new WriteRefusedException.Problem(p, "source",
                    "a " + typeName(o) + " is not a Jobflow: it has no draft source"));
        }
        return setFields(p, o, Map.of("source", Objects.requireNonNull(source, "source")), false);
    }

    @Override
    public ObjectView createNode(String path, String hostname) {
        return createNode(path, hostname, Map.of());
    }

    @Override
    public ObjectView createNode(String path, String hostname, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("hostname", Objects.requireNonNull(hostname, "hostname"));
        return create(path, "NodeInfo", all);
    }

    @Override
    public ObjectView createAccount(String path, String user, String password) {
        return createAccount(path, user, password, Map.of());
    }

    @Override
    public ObjectView createAccount(String path, String user, String password, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("user", Objects.requireNonNull(user, "user"));
        if (password != null) {
            all.put("password", password);
        }
        return create(path, "AccountInfo", all);
    }

    private ObjectView create(String p, String type, Map<String, ?> fields, boolean compile) {
        checkOpen();
        Refusal refusal = new Refusal(p);
        StoredObject parent = parentForNew(p, refusal);
        StoredObject typeObject = typeObject(type, refusal);
        Map<String, Value> values = typeObject == null ? Map.of()
                : checkedFields(p, 0, typeObject, Map.of(), fields, compile, refusal);
        refusal.throwIfAny();
        return view(applied(p, () -> ScheduleCheck.checked(tx,
                tx.create(parent.id(), nameOf(p), typeObject.id(), null, StandardTree.OWNER, values))));
    }

    /** The container a new object at {@code p} goes into, or null when there is none (a problem then says why). */
    private StoredObject parentForNew(String p, Refusal refusal) {
        if (p.equals(TreeRules.ROOT_PATH)) {
            refusal.add(null, "the root exists already");
            return null;
        }
        String name = nameOf(p);
        String invalid = TreeRules.nameProblem(name);
        if (invalid != null) {
            refusal.add(null, "name " + Rendering.quoted(name) + " is not a valid object name (" + invalid + ")");
        }
        if (TreeRules.length(p) > TreeRules.MAX_PATH_LENGTH) {
            refusal.add(null, "the path is " + TreeRules.length(p) + " characters long; the limit is " + TreeRules.MAX_PATH_LENGTH);
        }
        String parentPath = ObjectPaths.parent(p);
        Optional<StoredObject> parent = tx.get(parentPath);
        if (parent.isEmpty()) {
            refusal.add(null, "its parent " + parentPath + " does not exist (createDirectories makes it)");
            return null;
        }
        if (!isContainer(parent.get())) {
            refusal.add(null, "its parent " + parentPath + " is a " + typeName(parent.get()) + ", which holds no objects");
        }
        if (tx.get(p).isPresent()) {
            refusal.add(null, "an object already exists at this path");
        }
        return parent.get();
    }

    /** The type object that {@code type} names, or null (a problem then says why). */
    private StoredObject typeObject(String type, Refusal refusal) {
        String typePath = type.contains("/") ? ObjectPaths.resolve(type, TreeRules.ROOT_PATH) : type(type);
        Optional<StoredObject> found = tx.get(typePath);
        if (found.isEmpty()) {
            refusal.add(null, "type '" + type + "' does not exist (there is no type object at " + typePath + ")");
            return null;
        }
        if (!FieldRules.isTypeObject(tx, found.get())) {
            refusal.add(null, "type '" + type + "': " + typePath + " is not a type object");
            return null;
        }
        return found.get();
    }

    // ---- changing

    @Override
    public ObjectView setField(String path, String name, Object value) {
        return setFields(path, Collections.singletonMap(name, value));
    }

    @Override
    public ObjectView setFields(String path, Map<String, ?> fields) {
        checkOpen();
        String p = absolute(path);
        return setFields(p, existing(p), fields, true);
    }

    private ObjectView setFields(String p, StoredObject o, Map<String, ?> fields, boolean compile) {
        Refusal refusal = new Refusal(p);
        Map<String, Value> values = checkedFields(p, o.id(), typeObjectOf(o), o.fields(), fields, compile, refusal);
        refusal.throwIfAny();
        return view(applied(p, () -> ScheduleCheck.checked(tx, tx.update(o.id(), ObjectUpdate.fields(values)))));
    }

    @Override
    public ObjectView unsetField(String path, String name) {
        checkOpen();
        String p = absolute(path);
        StoredObject o = existing(p);
        StoredObject typeObject = typeObjectOf(o);
        if (TypeDefinition.of(typeObject).field(name).isEmpty()) {
            throw new WriteRefusedException(new WriteRefusedException.Problem(p, name,
                    "field '" + name + "' is not declared by its type " + typeObject.path()));
        }
        return view(applied(p, () -> ScheduleCheck.checked(tx,
                tx.update(o.id(), new ObjectUpdate(Map.of(), Set.of(name), null, null, null, null, null, true)))));
    }

    @Override
    public ObjectView setDisplayName(String path, String displayName) {
        return setProperty(path, "display name", displayName, true);
    }

    @Override
    public ObjectView setDescription(String path, String description) {
        return setProperty(path, "description", description, false);
    }

    private ObjectView setProperty(String path, String property, String text, boolean displayName) {
        checkOpen();
        String p = absolute(path);
        StoredObject o = existing(p);
        if (text == null) {
            throw new WriteRefusedException(new WriteRefusedException.Problem(p, null, "the " + property + " must not be null"));
        }
        return view(applied(p, () -> tx.update(o.id(), new ObjectUpdate(Map.of(), Set.of(), displayName ? text : null,
                displayName ? null : text, null, null, null, true))));
    }

    @Override
    public ObjectView move(String path, String newPath) {
        checkOpen();
        String p = absolute(path);
        String target = absolute(newPath);
        StoredObject o = existing(p);
        StoredObject parent = newPlace(p, target);
        if (target.equals(p)) {
            return view(o);
        }
        StoredObject moved = applied(p, () -> tx.move(o.id(), parent.id(), nameOf(target)));
        if (o.displayName().equals(o.name()) && !moved.name().equals(o.name())) {
            moved = tx.update(o.id(), new ObjectUpdate(Map.of(), Set.of(), moved.name(), null, null, null, null, true));
        }
        return view(moved);
    }

    @Override
    public ObjectView rename(String path, String newName) {
        String p = absolute(path);
        if (newName.contains("/")) {
            throw new WriteRefusedException(new WriteRefusedException.Problem(p, null,
                    "cannot rename it to " + Rendering.quoted(newName) + ": a name, not a path (move takes a path)"));
        }
        return move(p, TreeRules.childPath(ObjectPaths.parent(p), newName));
    }

    @Override
    public ObjectView copy(String path, String newPath) {
        checkOpen();
        String p = absolute(path);
        String target = absolute(newPath);
        StoredObject o = existing(p);
        StoredObject parent = newPlace(p, target);
        return view(applied(p, () -> tx.copy(o.id(), parent.id(), nameOf(target), StandardTree.OWNER)));
    }

    /** Checks that the object at {@code p} can go to {@code target}; returns the container there. */
    private StoredObject newPlace(String p, String target) {
        Refusal refusal = new Refusal(p);
        if (p.equals(TreeRules.ROOT_PATH)) {
            refusal.add(null, "the root cannot be moved or copied");
        } else if (target.equals(p)) {
            return null;
        } else if (target.startsWith(p + "/")) {
            refusal.add(null, "cannot go to " + target + ", inside itself");
        }
        refusal.throwIfAny();
        Refusal atTarget = new Refusal(target);
        StoredObject parent = parentForNew(target, atTarget);
        atTarget.throwIfAny();
        return parent;
    }

    @Override
    public void delete(String path) {
        checkOpen();
        String p = absolute(path);
        StoredObject o = deletable(p);
        int inside = tx.children(o.id()).size();
        if (inside > 0) {
            throw new WriteRefusedException(new WriteRefusedException.Problem(p, null, "it is not empty (" + inside
                    + (inside == 1 ? " object" : " objects") + " inside); deleteRecursively deletes it with everything in it"));
        }
        deleteApplied(p, o);
    }

    @Override
    public int deleteRecursively(String path) {
        checkOpen();
        String p = absolute(path);
        return deleteApplied(p, deletable(p));
    }

    private StoredObject deletable(String p) {
        StoredObject o = existing(p);
        if (o.isRoot()) {
            throw new WriteRefusedException(new WriteRefusedException.Problem(p, null, "the root cannot be deleted"));
        }
        return o;
    }

    /** Deletes {@code o} and what is inside it; the queues of deleted Channels close once the batch is committed. */
    private int deleteApplied(String p, StoredObject o) {
        List<StoredObject> gone = new ArrayList<>(tx.descendants(o.id()));
        gone.add(o);
        int deleted = applied(p, () -> tx.delete(o.id()));
        for (StoredObject channel : gone) {
            if (typePath(channel).equals(type("Channel"))) {
                afterCommit.add(() -> tree.closeChannel(channel.id(), "channel deleted"));
            }
        }
        return deleted;
    }

    // ---- checks

    /**
     * Converts {@code fields} for the object at {@code p} (id 0 when new) of type {@code typeObject},
     * adding every problem to {@code refusal}: plain Java values without a jobflow form, fields the
     * engine maintains, what {@link FieldRules#convert} refuses, a Jobflow source that does not
     * compile (unless {@code compile} is false), field declarations that are not valid.
     */
    private Map<String, Value> checkedFields(String p, long id, StoredObject typeObject, Map<String, Value> stored,
            Map<String, ?> fields, boolean compile, Refusal refusal) {
        String typePath = typeObject.path();
        Map<String, Value> given = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (FieldRules.isDerived(typePath, name) || FieldRules.isQueue(typePath, name)) {
                refusal.add(name, "field '" + name + "' is maintained by the engine and cannot be written");
                return;
            }
            try {
                given.put(name, Values.of(value));
            } catch (IllegalArgumentException noValue) {
                refusal.add(name, "field '" + name + "': " + noValue.getMessage());
            }
        });
        FieldRules.Target target = new FieldRules.Target(p, id, typePath, TypeDefinition.of(typeObject));
        FieldRules.Converted converted = FieldRules.convert(tx, tree.zone(), ObjectPaths.parent(p), target, given, false);
        converted.problems().forEach(refusal::add);
        if (compile && typePath.equals(JOBFLOW) && converted.values().get("source") instanceof StringValue source) {
            checkSource(p, source.value(), refusal);
        }
        if (FieldRules.declaresFields(typePath) && declarations().stream().anyMatch(converted.values()::containsKey)) {
            Map<String, Value> after = new LinkedHashMap<>(stored);
            after.putAll(converted.values());
            checkDeclarations(after, refusal);
        }
        return converted.values();
    }

    private static void checkSource(String p, String source, Refusal refusal) {
        ParseResult checked = JobflowParser.check(p, source);
        if (checked.hasErrors()) {
            refusal.add("source", "field 'source' does not compile:\n" + checked.renderDiagnostics().stripTrailing());
            refusal.diagnostics = checked.diagnostics();
        }
    }

    private static List<String> declarations() {
        return List.of(TypeDefinition.FIELD_NAMES, TypeDefinition.FIELD_DISPLAY_NAMES, TypeDefinition.FIELD_TYPES);
    }

    /** A type, Config or Form saved through the API declares its fields completely and validly (objects.md §3.5). */
    private static void checkDeclarations(Map<String, Value> fields, Refusal refusal) {
        try {
            TypeDefinition.checked(strings(fields.get(TypeDefinition.FIELD_NAMES)),
                    strings(fields.get(TypeDefinition.FIELD_DISPLAY_NAMES)), strings(fields.get(TypeDefinition.FIELD_TYPES)));
        } catch (FieldTypeException invalid) {
            refusal.add(null, "its field declarations are not valid: " + invalid.getMessage());
        }
    }

    private static List<String> strings(Value array) {
        List<String> strings = new ArrayList<>();
        if (array instanceof ArrayValue a) {
            a.items().forEach(item -> strings.add(item instanceof NullValue ? null : Rendering.text(item)));
        }
        return strings;
    }

    // ---- helpers

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("the batch has ended: an ObjectBatch is only usable inside the work of its batch");
        }
    }

    /** The absolute, normalised form of {@code path}; one without a leading {@code /} is taken from the root. */
    private static String absolute(String path) {
        return ObjectPaths.resolve(Objects.requireNonNull(path, "path"), TreeRules.ROOT_PATH);
    }

    private static String nameOf(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private StoredObject existing(String p) {
        return tx.get(p).orElseThrow(() -> new WriteRefusedException(new WriteRefusedException.Problem(p, null,
                "there is no object at this path")));
    }

    /** Runs a store operation whose rules were checked; a rule the store still finds broken is a refusal too. */
    private static <T> T applied(String p, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (WriteRefusedException refused) {
            throw refused;
        } catch (StoreException broken) {
            if (broken.getCause() != null) {
                throw broken;
            }
            throw new WriteRefusedException(new WriteRefusedException.Problem(p, null, broken.getMessage()));
        }
    }

    private StoredObject typeObjectOf(StoredObject o) {
        return tx.get(o.typeId()).orElseThrow(() -> new WriteRefusedException(new WriteRefusedException.Problem(o.path(), null,
                "its type object #" + o.typeId() + " no longer exists")));
    }

    private String typePath(StoredObject o) {
        return tx.get(o.typeId()).map(StoredObject::path).orElse("");
    }

    private String typeName(StoredObject o) {
        return tx.get(o.typeId()).map(StoredObject::name).orElse("object of a missing type");
    }

    private boolean isContainer(StoredObject o) {
        return CONTAINER_TYPES.contains(typePath(o));
    }

    /** The object as a jobflow reads it now, within the batch. */
    private ObjectView view(StoredObject o) {
        StoredObject typeObject = tx.get(o.typeId()).orElseThrow(() -> new NoSuchElementException(o.path()
                + ": its type object #" + o.typeId() + " no longer exists"));
        Map<String, Value> fields = new LinkedHashMap<>();
        Set<String> stored = new HashSet<>();
        TreeContext defaults = new TreeContext(tx, tree.zone(), TreeRules.ROOT_PATH);
        for (FieldDefinition f : TypeDefinition.of(typeObject).fields()) {
            if (FieldRules.isDerived(typeObject.path(), f.name()) || FieldRules.isQueue(typeObject.path(), f.name())) {
                continue;
            }
            Value value = o.fields().get(f.name());
            if (value != null) {
                stored.add(f.name());
            }
            fields.put(f.name(), readable(value != null ? value : f.readDefault(defaults)));
        }
        return new ObjectView(o.path(), typeObject.path(), typeObject.name(), o.displayName(), o.description(), o.owner(),
                o.created(), o.updated(), fields, stored);
    }

    /** A stored value as a jobflow reads it: references to objects (also inside Arrays and Dictionaries) as Object values. */
    private Value readable(Value stored) {
        if (stored instanceof ObjectRef ref) {
            return tx.get(ref.id()).map(target -> (Value) new ObjectValue(tree, target.id(), target.path())).orElse(NullValue.NULL);
        } else if (stored instanceof ArrayValue array) {
            List<Value> items = new ArrayList<>(array.size());
            array.items().forEach(item -> items.add(readable(item)));
            return new ArrayValue(items);
        } else if (stored instanceof DictionaryValue dictionary) {
            DictionaryValue copy = new DictionaryValue();
            dictionary.entries().forEach(e -> copy.put(e.getKey(), readable(e.getValue())));
            return copy;
        }
        return stored;
    }

    /** The problems found with one write, thrown together. */
    private static final class Refusal {

        private final String path;
        private final List<WriteRefusedException.Problem> problems = new ArrayList<>();
        private List<Diagnostic> diagnostics = List.of();

        Refusal(String path) {
            this.path = path;
        }

        void add(String field, String message) {
            problems.add(new WriteRefusedException.Problem(path, field, message));
        }

        void add(WriteRefusedException.Problem problem) {
            problems.add(problem);
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new WriteRefusedException(problems, diagnostics);
            }
        }
    }
}
