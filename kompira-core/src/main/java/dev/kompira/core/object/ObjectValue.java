package dev.kompira.core.object;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.library.LibraryBinding;
import dev.kompira.core.library.LibraryFunction;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldValueException;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.Container;
import dev.kompira.core.value.Copies;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FieldAttachment;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.WriteBack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reference to an object of the tree as a jobflow value (language.md §4.12, objects.md §2): its
 * properties, methods and fields in the lookup order of D36 / §2.3, updates of writable properties
 * and fields, membership and iteration of containers. Two values of the same object are equal; the
 * text form is the absolute path (the last known one after a deletion). Thread-safe: every access
 * reads the current state from the store.
 */
public final class ObjectValue implements Attributed, Container {

    /** Where a Config keeps its {@code data} among the stored fields (the import format's key, §7.2). */
    private static final String CONFIG_DATA = "data";
    /** The method of SmtpServer objects that the engine performs with its mail support (objects.md §4.21). */
    public static final String CONN_CHECK = "conn_check";
    private static final Set<String> COMMON_METHODS = Set.of("delete", "update", "rename");
    private static final Set<String> CONTAINER_METHODS = Set.of("add", "move", "copy", "has_child", "find", "glob");
    private static final Signature GLOB = Signature.parse("glob(pattern)");
    private static final Set<String> QUEUE_FIELDS = Set.of("message_queue", "event_queue");
    private static final Set<String> CONTAINER_TYPES = Set.of("Directory", "Table");
    private static final Set<String> CHANNEL_MEMBERS = Set.of("send", "pop_message", "peek_message", "delete_message",
            "clear_messages", "message_count", "event_count");
    private static final Signature RENAME = Signature.parse("rename(name)");
    private static final Signature HAS_CHILD = Signature.parse("has_child(name)");
    private static final Signature ADD = Signature.parse("add(name, type_obj=null, data=null, overwrite=false)");
    private static final Signature MOVE = Signature.parse("move(obj, name=null)");
    private static final Signature COPY = Signature.parse("copy(obj, name=null)");
    private static final Signature DELETE = Signature.parse("delete()");

    private final ObjectTree tree;
    private final long id;
    private final String lastPath;
    private volatile Snapshot snapshot;

    /** Refers to object {@code id}, last seen at {@code path}. */
    public ObjectValue(ObjectTree tree, long id, String path) {
        this.tree = tree;
        this.id = id;
        this.lastPath = path;
    }

    /** Returns the object id. */
    public long id() {
        return id;
    }

    /** Returns the current state of the object; a deleted object is {@code R-NOTFOUND}. */
    public StoredObject stored() {
        Snapshot seen = snapshot;
        long now = tree.generation();
        if (seen != null && seen.generation() == now) {
            return seen.object();
        }
        StoredObject current = tree.require(id, lastPath);
        snapshot = new Snapshot(now, current);
        return current;
    }

    /** The object as read at one generation of the tree: still current while nothing was written. */
    private record Snapshot(long generation, StoredObject object) {
    }

    /** Returns the tree the object lives in. */
    public ObjectTree tree() {
        return tree;
    }

    @Override
    public String typeName() {
        return "Object";
    }

    @Override
    public String text() {
        return tree.get(id).map(StoredObject::path).orElse(lastPath);
    }

    /** Returns the queue of this Channel or MailChannel object, or Java null when it is neither. */
    public ChannelValue channel() {
        StoredObject o = stored();
        return isChannel(o) ? tree.channel(o.id()) : null;
    }

    @Override
    public Value attribute(String name) {
        StoredObject o = stored();
        Value property = property(o, name);
        if (property != null) {
            return property;
        }
        if (CHANNEL_MEMBERS.contains(name) && isChannel(o)) {
            Value member = tree.channel(o.id()).attribute(name);
            return member instanceof MethodValue ? new MethodValue(this, name) : member;
        }
        if (COMMON_METHODS.contains(name) || isContainer(o) && CONTAINER_METHODS.contains(name)
                || name.equals(CONN_CHECK) && (isSmtpServer(o) || isMailChannel(o))) {
            return new MethodValue(this, name);
        }
        boolean library = tree.isLibrary(o);
        if (library && tree.libraryBinding(o).functions().containsKey(name)) {
            return new MethodValue(this, name);
        }
        if (tree.typeOf(o).field(name).isPresent()) {
            return attachedField(o, name);
        }
        if (library) {
            // a library that did not load, or lacks the function, says so when the call is made (§4.6)
            return new MethodValue(this, name);
        }
        throw new JobflowError(ErrorCode.R_ATTRIBUTE, "object " + o.path() + " has no property, method or field '" + name + "'");
    }

    private Value property(StoredObject o, String name) {
        switch (name) {
            case "id":
                return IntegerValue.of(o.id());
            case "abspath":
                return StringValue.of(o.path());
            case "name":
                return StringValue.of(o.name());
            case "display_name":
                return StringValue.of(o.displayName());
            case "description":
                return StringValue.of(o.description());
            case "field_names":
                List<Value> names = new ArrayList<>();
                tree.typeOf(o).fieldNames().forEach(n -> names.add(StringValue.of(n)));
                return new ArrayValue(names);
            case "owner":
                return StringValue.of(o.owner());
            case "created":
                return time(o.created());
            case "updated":
                return time(o.updated());
            case "parent_object":
                return reference(o.parentId());
            case "children":
                return children(o);
            case "type_object":
                return reference(o.typeId());
            case "type_name":
                return StringValue.of(tree.typeName(o));
            case "user_permissions":
                return Copies.deepCopy(o.userPermissions());
            case "group_permissions":
                return Copies.deepCopy(o.groupPermissions());
            case "data":
                return tree.typeName(o).equals("Config") ? WriteBack.attach(configData(o), attachment("data")) : null;
            default:
                return null;
        }
    }

    /** {@code Config.data} (objects.md §4.9): every declared key, stored values or defaults. */
    private Value configData(StoredObject o) {
        DictionaryValue stored = o.fields().get(CONFIG_DATA) instanceof DictionaryValue d
                ? d : new DictionaryValue();
        DictionaryValue data = new DictionaryValue();
        for (FieldDefinition f : TypeDefinition.of(o).fields()) {
            Value v = stored.get(f.name());
            data.put(f.name(), v != null ? tree.toJobflow(v)
                    : tree.toJobflow(tree.store().read(tx -> f.readDefault(new TreeContext(tx, tree.zone(), "/")))));
        }
        return data;
    }

    /** Writes {@code Config.data}: each key converted by the Config's own declaration; undeclared keys are errors. */
    private void writeConfigData(StoredObject o, Value value) {
        if (!(value instanceof DictionaryValue given)) {
            throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + o.path() + ".data: expected Dictionary, got " + value.typeName());
        }
        TypeDefinition declared = TypeDefinition.of(o);
        tree.write("set data of " + o.path(), tx -> {
            DictionaryValue converted = new DictionaryValue();
            for (Map.Entry<Value, Value> e : given.entries()) {
                String key = Rendering.text(e.getKey());
                FieldDefinition f = declared.field(key).orElseThrow(() -> new JobflowError(
                        ErrorCode.R_UPDATE, "cannot update " + o.path() + ".data['" + key + "']: the Config declares no such key"));
                try {
                    converted.put(key, f.convert(e.getValue(), new TreeContext(tx, tree.zone(), ObjectPaths.parent(o.path()))));
                } catch (FieldValueException bad) {
                    throw new JobflowError(ErrorCode.R_UPDATE, o.path() + ".data: " + bad.getMessage());
                }
            }
            return tx.update(id, ObjectUpdate.fields(Map.of(CONFIG_DATA, converted)));
        });
    }

    /** Returns whether {@code o.name} is a writable Dictionary property (Config.data, §2.5 rule 5). */
    public boolean isDictionaryProperty(String name) {
        return name.equals("data") && tree.typeName(stored()).equals("Config");
    }

    private Value time(Instant instant) {
        return new DatetimeValue(instant.atZone(tree.zone()));
    }

    private Value reference(long target) {
        return tree.get(target).map(t -> (Value) new ObjectValue(tree, t.id(), t.path())).orElse(NullValue.NULL);
    }

    private Value children(StoredObject o) {
        return new LazyArrayValue(tree, () -> tree.children(o.id()));
    }

    private boolean isContainer(StoredObject o) {
        return CONTAINER_TYPES.contains(tree.typeName(o));
    }

    @Override
    public Value subscript(Value index) {
        if (!(index instanceof StringValue field)) {
            throw new JobflowError(ErrorCode.R_TYPE, "expected String, got " + index.typeName());
        }
        return attachedField(stored(), field.value());
    }

    /** Reads a field; an Array or Dictionary stays attached to it (D37). */
    private Value attachedField(StoredObject o, String field) {
        return WriteBack.attach(tree.readField(o, field), attachment(field));
    }

    /**
     * Returns how a container read from {@code field} writes itself back (D37): through the update of
     * {@code data} for a Config's data, else as a field. A resumed process attaches its saved
     * containers with it again.
     */
    public FieldAttachment attachment(String field) {
        return new FieldAttachment(this, field, changed -> {
            if (field.equals("data") && tree.typeName(stored()).equals("Config")) {
                update("data", changed);
            } else {
                updateField(field, changed);
            }
        });
    }

    @Override
    public void update(String name, Value value) {
        StoredObject o = stored();
        switch (name) {
            case "name":
                rename(o, value);
                return;
            case "data":
                if (tree.typeName(o).equals("Config")) {
                    writeConfigData(o, value);
                    return;
                }
                break;
            case "display_name":
            case "description":
                if (!(value instanceof StringValue text)) {
                    throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + o.path() + "." + name + ": expected String, got "
                            + value.typeName());
                }
                tree.write("set " + name + " of " + o.path(), tx -> tx.update(id, new ObjectUpdate(Map.of(), Set.of(),
                        name.equals("display_name") ? text.value() : null, name.equals("description") ? text.value() : null,
                        null, null, null, true)));
                return;
            default:
                break;
        }
        if (property(o, name) != null) {
            throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + o.path() + "." + name + ": it is read-only");
        }
        writeField(o, name, value);
    }

    /** Returns whether {@code o.name} reaches a field (no property or method of that name, D36). */
    public boolean isField(String name) {
        StoredObject o = stored();
        return property(o, name) == null && !COMMON_METHODS.contains(name)
                && !(isContainer(o) && CONTAINER_METHODS.contains(name)) && tree.typeOf(o).field(name).isPresent();
    }

    /** Writes field {@code field} (update jobs {@code [v >> o['f']]}, §2.5 rule 2). */
    public void updateField(String field, Value value) {
        writeField(stored(), field, value);
    }

    /** Writes one field; a Channel's queues are only emptied, by writing null (objects.md §4.7). */
    private void writeField(StoredObject o, String field, Value value) {
        if (QUEUE_FIELDS.contains(field) && isChannel(o)) {
            if (value != NullValue.NULL) {
                throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + o.path() + "." + field
                        + ": only null (which empties it) may be written; use send, pop_message or delete_message");
            }
            tree.channel(id).clear();
            return;
        }
        tree.writeFields(id, Map.of(field, value), ObjectPaths.parent(o.path()));
    }

    private void rename(StoredObject o, Value name) {
        if (!(name instanceof StringValue text)) {
            throw new JobflowError(ErrorCode.R_UPDATE, "cannot rename " + o.path() + ": expected String, got " + name.typeName());
        }
        tree.write("rename " + o.path() + " to " + text.value(), tx -> {
            StoredObject moved = tx.move(id, o.parentId(), text.value());
            if (o.displayName().equals(o.name())) {
                tx.update(id, new ObjectUpdate(Map.of(), Set.of(), text.value(), null, null, null, null, true));
            }
            return moved;
        });
    }

    @Override
    public Value call(String name, Arguments arguments) {
        StoredObject o = stored();
        switch (name) {
            case "delete":
                DELETE.bind(arguments);
                tree.write("delete " + o.path(), tx -> tx.delete(id));
                if (isChannel(o)) {
                    tree.channel(o.id()).close("channel deleted");
                }
                return NullValue.NULL;
            case "rename":
                rename(o, RENAME.bind(arguments).get("name"));
                return NullValue.NULL;
            case "update":
                if (!arguments.positional().isEmpty()) {
                    throw new JobflowError(ErrorCode.R_ARGUMENT, "update: fields are given by keyword");
                }
                tree.writeFields(id, arguments.keywords(), ObjectPaths.parent(o.path()));
                return NullValue.NULL;
            case "has_child":
                Value child = HAS_CHILD.bind(arguments).get("name");
                return BooleanValue.of(child instanceof StringValue s && tree.get(childPath(o, s.value())).isPresent());
            case "add":
                return add(o, ADD.bind(arguments));
            case "move":
                return move(o, MOVE.bind(arguments), false);
            case "copy":
                return move(o, COPY.bind(arguments), true);
            case "glob":
                Value pattern = GLOB.bind(arguments).get("pattern");
                if (!(pattern instanceof StringValue text)) {
                    throw new JobflowError(ErrorCode.R_CALL_FAILED, "glob: pattern must be a String");
                }
                ObjectGlob glob = ObjectGlob.parse(text.value());
                return new LazyArrayValue(tree, () -> glob.run(tree, stored()));
            case "find":
                if (!arguments.positional().isEmpty()) {
                    throw new JobflowError(ErrorCode.R_ARGUMENT, "find: parameters are given by keyword");
                }
                ObjectQuery query = ObjectQuery.of(tree, o, arguments.keywords());
                return new LazyArrayValue(tree, () -> query.run(o.id()));
            default:
                if (CHANNEL_MEMBERS.contains(name) && isChannel(o)) {
                    return tree.channel(o.id()).call(name, arguments);
                }
                if (!tree.isLibrary(o)) {
                    throw new JobflowError(ErrorCode.R_ATTRIBUTE, "object " + o.path() + " has no method '" + name + "'");
                }
                return callLibrary(o, name, libraryFunction(name), arguments);
        }
    }

    /** Returns whether this is an SmtpServer object (objects.md §4.21), whose {@code conn_check()} the engine performs. */
    public boolean isSmtpServer() {
        return isSmtpServer(stored());
    }

    /** Returns whether this is a MailChannel object (objects.md §4.20), whose {@code conn_check()} the engine performs. */
    public boolean isMailChannel() {
        return isMailChannel(stored());
    }

    private boolean isMailChannel(StoredObject o) {
        return tree.typeName(o).equals("MailChannel");
    }

    /** Channel and MailChannel objects have a message queue and the methods of objects.md §4.7. */
    private boolean isChannel(StoredObject o) {
        return isMailChannel(o) || tree.typeName(o).equals("Channel");
    }

    private boolean isSmtpServer(StoredObject o) {
        return tree.typeName(o).equals("SmtpServer");
    }

    /** Returns whether {@code name} names a library function of this object rather than one of its methods. */
    public boolean isLibraryFunction(String name) {
        return !COMMON_METHODS.contains(name) && tree.isLibrary(stored());
    }

    /**
     * Returns function {@code name} of this Library object (objects.md §4.6); a library that did not
     * load fails the call with its {@code document}, a missing function with its name.
     *
     * @throws JobflowError {@code R-CALL-FAILED} when the function cannot be called
     */
    public LibraryFunction libraryFunction(String name) {
        StoredObject o = stored();
        LibraryBinding binding = tree.libraryBinding(o);
        if (!binding.executable()) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, binding.document());
        }
        LibraryFunction function = binding.functions().get(name);
        if (function == null) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "library " + o.path() + " has no function '" + name + "'");
        }
        return function;
    }

    /** Calls a library function; its exception becomes the failure of the call with its message. */
    private static Value callLibrary(StoredObject lib, String name, LibraryFunction function, Arguments arguments) {
        try {
            Value result = function.call(arguments);
            return result == null ? NullValue.NULL : result;
        } catch (JobflowError e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("library function {}.{} failed", lib.path(), name, e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new JobflowError(ErrorCode.R_CALL_FAILED, message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ObjectValue.class);

    private static String childPath(StoredObject container, String name) {
        return container.isRoot() ? "/" + name : container.path() + "/" + name;
    }

    private Value add(StoredObject dir, Signature.Bound args) {
        if (!(args.get("name") instanceof StringValue name)) {
            throw args.fail("name must be a String");
        }
        StoredObject type = typeArgument(dir, args.get("type_obj"), args);
        Value data = args.get("data");
        if (data != NullValue.NULL && !(data instanceof DictionaryValue)) {
            throw args.fail("data must be a Dictionary");
        }
        Map<String, Value> byName = new java.util.LinkedHashMap<>();
        if (data instanceof DictionaryValue fields) {
            for (Map.Entry<Value, Value> e : fields.entries()) {
                byName.put(Rendering.text(e.getKey()), e.getValue());
            }
        }
        StoredObject created = tree.write("add " + childPath(dir, name.value()), tx -> {
            StoredObject o = tx.create(dir.id(), name.value(), type.id(), null, "root", Map.of());
            return byName.isEmpty() ? o : tx.update(o.id(), ObjectUpdate.fields(tree.convertFields(tx, o, byName, dir.path())));
        });
        return new ObjectValue(tree, created.id(), created.path());
    }

    private StoredObject typeArgument(StoredObject dir, Value type, Signature.Bound args) {
        if (type instanceof ObjectValue o) {
            return o.stored();
        }
        if (type instanceof StringValue path) {
            return tree.require(path.value(), dir.path());
        }
        if (type == NullValue.NULL && tree.typeName(dir).equals("Table")) {
            Value tableType = tree.readField(dir, "typeObject");
            if (tableType instanceof ObjectValue o) {
                return o.stored();
            }
        }
        throw args.fail("type_obj must be a type object or its path");
    }

    private Value move(StoredObject dir, Signature.Bound args, boolean copy) {
        if (!(args.get("obj") instanceof ObjectValue source)) {
            throw args.fail("obj must be an object");
        }
        StoredObject s = source.stored();
        String newName = args.get("name") instanceof StringValue n ? n.value() : s.name();
        StoredObject result = tree.write((copy ? "copy " : "move ") + s.path() + " to " + childPath(dir, newName),
                tx -> copy ? tx.copy(s.id(), dir.id(), newName, "root") : tx.move(s.id(), dir.id(), newName));
        return copy ? new ObjectValue(tree, result.id(), result.path()) : NullValue.NULL;
    }

    @Override
    public boolean containsMember(Value x) {
        StoredObject dir = stored();
        if (x instanceof ObjectValue o) {
            return tree.get(o.id).map(c -> c.parentId() == dir.id() && !c.isRoot()).orElse(false);
        }
        return x instanceof StringValue name && tree.get(childPath(dir, name.value())).isPresent();
    }

    /** Returns the children as values, in container order (for {@code for} and {@code length}). */
    public List<Value> members() {
        return ((LazyArrayValue) children(stored())).current();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectValue v && v.id == id && v.tree == tree;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return text();
    }
}
