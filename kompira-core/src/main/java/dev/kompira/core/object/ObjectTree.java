package dev.kompira.core.object;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.library.LibraryBinding;
import dev.kompira.core.library.LibraryProvider;
import dev.kompira.core.library.SourceLibraryRuntime;
import dev.kompira.core.object.types.ConversionContext;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.Copies;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The object tree as jobflows see it (objects.md §1–§3): path resolution, typed field reads with
 * defaults and typed, validated writes, each write one store transaction. Type definitions are
 * cached per type object and version. Thread-safe (the store serialises writes).
 */
public final class ObjectTree {

    private final CountingStore store;
    private final ZoneId zone;
    private final Map<Long, CachedType> types = new ConcurrentHashMap<>();
    private final TypeDefinitions definitions = new TypeDefinitions();
    private final LibraryBindings libraries = new LibraryBindings();

    /**
     * Serves the tree kept in {@code store}, with {@code zone} for zone-less date and time text. All
     * writes must go through this tree ({@link #store()} or {@link #write}) so that its caches see them.
     */
    public ObjectTree(ObjectStore store, ZoneId zone) {
        this(store, zone, null);
    }

    private ObjectTree(ObjectStore store, ZoneId zone, Runnable beforeFirstUse) {
        this.store = new CountingStore(store, beforeFirstUse);
        this.zone = zone;
    }

    /**
     * Serves the tree kept in {@code store}, initialising it (built-in types, standard tree) if it is
     * empty — lazily, when the tree is first used, so that engines whose flows never touch an object
     * start fast.
     */
    public static ObjectTree initialisedOnFirstUse(ObjectStore store, ZoneId zone) {
        return new ObjectTree(store, zone, () -> TreeInitializer.initialise(store, zone));
    }

    /** Returns the number of writes so far; what was read at one generation is current until the next. */
    long generation() {
        return store.generation();
    }

    private final Map<Long, ChannelValue> channels = new ConcurrentHashMap<>();
    private volatile LongFunction<ChannelValue> channelOpener = ChannelValue::ofObject;

    /**
     * Returns the message queue of Channel object {@code id} (objects.md §4.7): opened once, then
     * shared by every process of the engine.
     */
    public ChannelValue channel(long id) {
        return channels.computeIfAbsent(id, channelOpener::apply);
    }

    /**
     * Returns the queues of Channel objects opened so far, by object id (a queue opens when a process
     * or a sender first uses it): what a metrics endpoint reports without opening every channel.
     */
    public Map<Long, ChannelValue> openChannels() {
        return Map.copyOf(channels);
    }

    /**
     * Closes the queue of Channel object {@code id}, deleted, when it was opened: processes waiting on
     * it wake with {@code reason}.
     */
    void closeChannel(long id, String reason) {
        ChannelValue queue = channels.remove(id);
        if (queue != null) {
            queue.close(reason);
        }
    }

    /**
     * Sets how the queue of a Channel object is opened the first time it is used; the engine opens
     * queues kept in the store. Without it, queues live in memory only.
     */
    public void openChannelsWith(LongFunction<ChannelValue> opener) {
        this.channelOpener = Objects.requireNonNull(opener, "opener");
    }

    /** Makes {@code provider} available to Library objects that name its id. */
    public void register(LibraryProvider provider) {
        libraries.register(provider);
    }

    /** Makes {@code runtime} run the Library objects that hold source code (objects.md §4.6). */
    public void useSourceLibraryRuntime(SourceLibraryRuntime runtime) {
        libraries.useSourceRuntime(runtime);
    }

    /**
     * Returns the binding of Library object {@code library} to its code as it is described now
     * (objects.md §4.6), loading it when it was never loaded or its code changed since.
     */
    public LibraryBinding libraryBinding(StoredObject library) {
        LibraryBindings.LibraryCode code = new LibraryBindings.LibraryCode(library.path(), storedText(library, "libraryType"),
                storedText(library, "modulePath"), storedText(library, "sourceText"));
        return libraries.binding(library.id(), code);
    }

    private String storedText(StoredObject o, String field) {
        Value v = readStoredField(o, field);
        return v instanceof StringValue text ? text.value() : "";
    }

    /** Returns whether {@code o} is a Library object. */
    public boolean isLibrary(StoredObject o) {
        return typeName(o).equals("Library");
    }

    /** Returns the engine zone, in which object timestamps are shown. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Returns the store itself, whose transactions write exactly what they are given: for stores,
     * imports and the initialisation of the tree, which convert the values themselves. Other writes
     * go through {@link #write} or {@link ObjectManager}.
     */
    public ObjectStore store() {
        return store;
    }

    /** Returns the object with id {@code id}. */
    public Optional<StoredObject> get(long id) {
        return store.read(tx -> tx.get(id));
    }

    /** Returns the object at absolute path {@code path}. */
    public Optional<StoredObject> get(String path) {
        return store.read(tx -> tx.get(path));
    }

    /** Returns the object at {@code path} seen from {@code base}; a missing one is {@code R-NOTFOUND}. */
    public StoredObject require(String path, String base) {
        String absolute = ObjectPaths.resolve(path, base);
        return get(absolute).orElseThrow(() -> new JobflowError(ErrorCode.R_NOTFOUND, "object not found: " + absolute));
    }

    /** Returns the object {@code id}; a deleted one is {@code R-NOTFOUND} naming its last known path. */
    StoredObject require(long id, String lastPath) {
        return get(id).orElseThrow(() -> new JobflowError(ErrorCode.R_NOTFOUND, "object not found: " + lastPath));
    }

    /** Returns the direct children of {@code id} in creation order. */
    public List<StoredObject> children(long id) {
        return store.read(tx -> tx.children(id));
    }

    /** Returns the field definitions of {@code o}'s type. */
    public TypeDefinition typeOf(StoredObject o) {
        return type(o).definition();
    }

    /** Returns the name of {@code o}'s type ({@code Jobflow}, {@code Directory}, ...). */
    public String typeName(StoredObject o) {
        return type(o).name();
    }

    /** Returns what the tree knows of {@code o}'s type, read again only after a write. */
    private CachedType type(StoredObject o) {
        long now = generation();
        CachedType cached = types.get(o.typeId());
        if (cached != null && cached.generation() == now) {
            return cached;
        }
        StoredObject type = get(o.typeId()).orElseThrow(
                () -> new JobflowError(ErrorCode.R_NOTFOUND, "object " + o.path() + ": its type object no longer exists"));
        cached = new CachedType(now, type.name(), definitions.of(type), new ConcurrentHashMap<>());
        types.put(o.typeId(), cached);
        return cached;
    }

    /**
     * Reads field {@code field} of {@code o} (§2.6): the stored value, or the default of an unset
     * field. Object fields read as Object values; Arrays and Dictionaries as copies.
     */
    public Value readField(StoredObject o, String field) {
        if (DERIVED_LIBRARY_FIELDS.contains(field) && isLibrary(o)) {
            LibraryBinding binding = libraryBinding(o);
            return field.equals("executable") ? BooleanValue.of(binding.executable()) : StringValue.of(binding.document());
        }
        return readStoredField(o, field);
    }

    /** The fields of a Library that describe its binding: derived from its code whenever read, never stored. */
    private static final Set<String> DERIVED_LIBRARY_FIELDS = Set.of("executable", "document");

    private Value readStoredField(StoredObject o, String field) {
        FieldDefinition definition = typeOf(o).field(field).orElseThrow(
                () -> new JobflowError(ErrorCode.R_KEY, "object " + o.path() + " has no field '" + field + "'"));
        Value stored = o.fields().get(field);
        Value value = o.fields().containsKey(field) && stored != null ? stored
                : type(o).defaults().computeIfAbsent(field, f -> store.read(tx -> definition.readDefault(context(tx, "/"))));
        return toJobflow(value);
    }

    /** Turns a stored value into the value a jobflow sees. */
    public Value toJobflow(Value stored) {
        if (stored instanceof ObjectRef ref) {
            return get(ref.id()).map(target -> (Value) new ObjectValue(this, target.id(), target.path()))
                    .orElse(dev.kompira.core.value.NullValue.NULL);
        }
        if (stored instanceof ArrayValue || stored instanceof DictionaryValue) {
            return Copies.deepCopy(stored);
        }
        return stored;
    }

    /**
     * Writes {@code fields} of object {@code id} in one transaction, each converted and validated by
     * its declaration (§3.7); a failure names the object and the field and writes nothing.
     */
    public void writeFields(long id, Map<String, Value> fields, String base) {
        String where = get(id).map(StoredObject::path).orElse("#" + id);
        write("set " + String.join(", ", fields.keySet()) + " of " + where, tx -> {
            StoredObject o = tx.get(id).orElseThrow(() -> new JobflowError(ErrorCode.R_NOTFOUND, "object not found: #" + id));
            return tx.update(id, ObjectUpdate.fields(convertFields(tx, o, fields, base)));
        });
    }

    /**
     * Converts and validates {@code fields} for object {@code o} within {@code tx} (§3.7), relative
     * paths from {@code base}; a failure names the object and the field.
     */
    Map<String, Value> convertFields(Transaction tx, StoredObject o, Map<String, Value> fields, String base) {
        TypeDefinition type = typeOf(o);
        for (String name : fields.keySet()) {
            if (type.field(name).isEmpty()) {
                throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + o.path() + "['" + name + "']: its type has no such field");
            }
        }
        String typePath = tx.get(o.typeId()).map(StoredObject::path).orElse("");
        FieldRules.Converted converted = FieldRules.convert(tx, zone, base, new FieldRules.Target(o.path(), o.id(), typePath, type),
                fields, false);
        if (!converted.problems().isEmpty()) {
            throw new JobflowError(ErrorCode.R_UPDATE, converted.problems().get(0).text());
        }
        return converted.values();
    }

    /**
     * Runs {@code work} as one transaction, turning the store's rule violations into {@code R-UPDATE}.
     * The transaction checks what it creates and updates as every write of the tree is checked
     * (declared fields only, each value converted and validated by its declaration, §3.7; the type
     * must be a type object): a refused write throws a {@link WriteRefusedException} inside the work
     * and changes nothing. Applications write through {@link ObjectManager}
     * ({@code Kompira.objects()}), which also checks names, places and Jobflow sources.
     */
    public <T> T write(String message, java.util.function.Function<Transaction, T> work) {
        try {
            return store.write(WriteOrigin.describe(message), tx -> work.apply(new ValidatingTransaction(tx, zone, definitions)));
        } catch (StoreException e) {
            throw new JobflowError(ErrorCode.R_UPDATE, e.getMessage());
        }
    }

    private ConversionContext context(Transaction tx, String base) {
        return new TreeContext(tx, zone, base);
    }

    /** A type as read at one generation of the tree, with the defaults of its unset fields. */
    private record CachedType(long generation, String name, TypeDefinition definition, Map<String, Value> defaults) {
    }
}
