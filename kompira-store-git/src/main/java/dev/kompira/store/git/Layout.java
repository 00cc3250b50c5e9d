package dev.kompira.store.git;

import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.StoreChange;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Value;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where each object of the tree lives as files (docs/git-store.md): the tree under the folder
 * {@value #TREE}; a Directory or Table (or any object with children) is a folder holding its own
 * {@value #FOLDER_FILE}; any other object is {@code <name>.json}, and a Jobflow's source
 * {@code <name>.kjf} beside it. File names are object names, except that names a file system
 * could not keep apart or could not hold are changed — Windows device names get a {@code ~},
 * Unicode is NFC-normalised, and a name equal to a sibling's ignoring case gets {@code ~2},
 * {@code ~3}... — the JSON always keeps the real name.
 *
 * <p>Mirrors the committed objects to know names, types and children. Changes are applied under
 * the store's write lock and can be undone when the commit fails. Not thread-safe.
 */
final class Layout {

    static final String TREE = "tree";
    static final String FOLDER_FILE = ".object.json";
    static final String JSON = ".json";
    static final String SOURCE = ".kjf";

    private static final Pattern DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])");
    private static final Set<String> CONTAINER_TYPES = Set.of("/system/types/Directory", "/system/types/Table");
    private static final String JOBFLOW_TYPE = "/system/types/Jobflow";
    private static final String CHANNEL_TYPE = "/system/types/Channel";
    /** The stored key where a Channel object keeps its last message id (kompira-core's ChannelQueues). */
    private static final String CHANNEL_LAST_ID = "message_last_id";

    private final Map<Long, StoredObject> objects = new HashMap<>();
    private final Map<Long, Integer> childCounts = new HashMap<>();
    private final Map<Long, String> segments = new HashMap<>();
    /** For each parent: its children's file names in lower case, to the child holding each. */
    private final Map<Long, Map<String, Long>> taken = new HashMap<>();
    private final Deque<Runnable> undo = new ArrayDeque<>();
    /** A cache; entries for older versions of a type object are replaced, never trusted. */
    private final Map<Long, TypeInfo> typeInfos = new HashMap<>();
    private final Secrets secrets;

    /** A layout that keeps secret fields sealed with {@code secrets}. */
    Layout(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Returns the object {@code id} as last applied, or null. */
    StoredObject object(long id) {
        return objects.get(id);
    }

    /** Returns every object. */
    Iterable<StoredObject> objects() {
        return objects.values();
    }

    /** Makes {@code segment} the file name of object {@code id} when it is applied (loading keeps the names found). */
    void seed(long id, long parentId, String segment) {
        record(segments, id, segment);
        record(taken.computeIfAbsent(parentId, p -> new HashMap<>()), key(segment), id);
    }

    /**
     * Returns the ids whose files {@code changes} may change: the changed objects, their parents
     * (which become or stop being folders), and — when objects moved or went — the objects that
     * name them as type or in a reference. Call before {@link #apply}.
     */
    Set<Long> affectedBy(List<StoreChange> changes) {
        Set<Long> affected = new LinkedHashSet<>();
        Set<Long> moved = new HashSet<>();
        for (StoreChange c : changes) {
            StoredObject any = c.after() != null ? c.after() : c.before();
            affected.add(any.id());
            boolean samePlace = c.before() != null && c.after() != null && c.before().parentId() == c.after().parentId();
            if (!samePlace) {
                // a parent may become a folder, or stop being one
                affected.add(any.parentId());
                if (c.before() != null && c.after() != null) {
                    affected.add(c.before().parentId());
                }
            }
            if (c.before() != null && (c.after() == null || !c.before().path().equals(c.after().path()))) {
                moved.add(c.before().id());
            }
        }
        if (!moved.isEmpty()) {
            for (StoredObject o : objects.values()) {
                if (moved.contains(o.typeId()) || refersTo(o, moved)) {
                    affected.add(o.id());
                }
            }
        }
        return affected;
    }

    /** Applies one change to the mirror. */
    void apply(StoreChange c) {
        StoredObject before = c.before();
        StoredObject after = c.after();
        boolean samePlace = before != null && after != null && before.parentId() == after.parentId()
                && before.name().equals(after.name());
        if (before != null) {
            record(objects, before.id(), null);
            if (!before.isRoot()) {
                record(childCounts, before.parentId(), childCounts.getOrDefault(before.parentId(), 1) - 1);
            }
            if (!samePlace) {
                release(before);
            }
        }
        if (after != null) {
            record(objects, after.id(), after);
            if (!after.isRoot()) {
                record(childCounts, after.parentId(), childCounts.getOrDefault(after.parentId(), 0) + 1);
                if (!samePlace && !segments.containsKey(after.id())) {
                    assign(after);
                }
            }
        }
    }

    /** Forgets the undo log: the changes applied so far are committed. */
    void commit() {
        undo.clear();
    }

    /** Undoes the changes applied since the last {@link #commit}. */
    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    /** The repository paths of object {@code id}'s files as it stands, or none when it is gone. */
    List<String> paths(long id) {
        StoredObject o = objects.get(id);
        if (o == null) {
            return List.of();
        }
        if (isFolder(o)) {
            return List.of(folder(o.id()) + "/" + FOLDER_FILE);
        }
        String base = folder(o.parentId()) + "/" + segments.get(o.id());
        return ObjectFile.source(o) != null && isJobflow(o) ? List.of(base + JSON, base + SOURCE) : List.of(base + JSON);
    }

    /**
     * The runtime state of object {@code id} as it stands: the values of its fields that stay out
     * of the files (invisible fields, such as a channel's queue), by name; empty when it has none
     * or is gone.
     */
    Map<String, Value> runtime(long id) {
        StoredObject o = objects.get(id);
        if (o == null) {
            return Map.of();
        }
        Set<String> keys = runtimeKeys(o);
        Map<String, Value> state = new LinkedHashMap<>();
        o.fields().forEach((k, v) -> {
            if (keys.contains(k)) {
                state.put(k, v);
            }
        });
        return state;
    }

    /** The fields of {@code o} that are runtime state: its type's invisible fields, and a channel's message counter. */
    Set<String> runtimeKeys(StoredObject o) {
        StoredObject type = objects.get(o.typeId());
        return type == null ? Set.of() : typeInfo(type).runtime();
    }

    /** What a type object's declarations say about files, computed once per version of the type object. */
    private record TypeInfo(StoredObject type, Set<String> runtime, Set<String> secret) {
    }

    private TypeInfo typeInfo(StoredObject type) {
        TypeInfo cached = typeInfos.get(type.id());
        if (cached != null && cached.type() == type) {
            return cached;
        }
        Set<String> runtime = new HashSet<>();
        for (FieldDefinition f : TypeDefinition.of(type).fields()) {
            if (f.type().invisible()) {
                runtime.add(f.name());
            }
        }
        if (type.path().equals(CHANNEL_TYPE)) {
            runtime.add(CHANNEL_LAST_ID);
        }
        TypeInfo info = new TypeInfo(type, Set.copyOf(runtime), Secrets.declared(type));
        typeInfos.put(type.id(), info);
        return info;
    }

    /** The files of object {@code id} as it stands: repository path to content. */
    Map<String, byte[]> files(long id) {
        StoredObject o = objects.get(id);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> paths = paths(id);
        boolean separateSource = paths.size() == 2;
        files.put(paths.get(0), ObjectFile.json(o, typeRef(o), this::pathOf, separateSource, sealer(o), runtimeKeys(o)));
        if (separateSource) {
            files.put(paths.get(1), ObjectFile.source(o));
        }
        return files;
    }

    /** Seals the secret fields of {@code o} as its type (and, for a Config, its own declarations) mark them. */
    private ObjectFile.Sealer sealer(StoredObject o) {
        StoredObject type = objects.get(o.typeId());
        Set<String> fields = type == null ? Set.of() : typeInfo(type).secret();
        Set<String> data = Secrets.isConfig(type) ? Secrets.declared(o) : Set.of();
        if (fields.isEmpty() && data.isEmpty()) {
            return (field, value) -> value;
        }
        return (field, value) -> fields.contains(field) ? secrets.seal(o, field, value)
                : field.equals("data") ? secrets.sealData(o, value, data) : value;
    }

    private String typeRef(StoredObject o) {
        StoredObject type = objects.get(o.typeId());
        return type == null ? Long.toString(o.typeId()) : type.path();
    }

    private String pathOf(long id) {
        StoredObject o = objects.get(id);
        return o == null ? null : o.path();
    }

    private boolean isFolder(StoredObject o) {
        if (o.isRoot() || childCounts.getOrDefault(o.id(), 0) > 0) {
            return true;
        }
        StoredObject type = objects.get(o.typeId());
        return type != null && CONTAINER_TYPES.contains(type.path());
    }

    private boolean isJobflow(StoredObject o) {
        StoredObject type = objects.get(o.typeId());
        return type != null && type.path().equals(JOBFLOW_TYPE);
    }

    /** The repository folder of object {@code id} (as a folder). */
    private String folder(long id) {
        StoredObject o = objects.get(id);
        return o.isRoot() ? TREE : folder(o.parentId()) + "/" + segments.get(id);
    }

    private void assign(StoredObject o) {
        Map<String, Long> siblings = taken.computeIfAbsent(o.parentId(), p -> new HashMap<>());
        String base = Normalizer.normalize(o.name(), Normalizer.Form.NFC);
        if (DEVICE.matcher(base).matches()) {
            base += "~";
        }
        String segment = base;
        for (int n = 2; siblings.containsKey(key(segment)); n++) {
            segment = base + "~" + n;
        }
        record(segments, o.id(), segment);
        record(siblings, key(segment), o.id());
    }

    private void release(StoredObject o) {
        String segment = segments.get(o.id());
        if (segment != null) {
            Map<String, Long> siblings = taken.get(o.parentId());
            if (siblings != null && Long.valueOf(o.id()).equals(siblings.get(key(segment)))) {
                record(siblings, key(segment), null);
            }
            record(segments, o.id(), null);
        }
    }

    private static String key(String segment) {
        return Normalizer.normalize(segment, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static boolean refersTo(StoredObject o, Set<Long> ids) {
        for (Value v : o.fields().values()) {
            if (refersTo(v, ids)) {
                return true;
            }
        }
        return false;
    }

    private static boolean refersTo(Value v, Set<Long> ids) {
        if (v instanceof ObjectRef ref) {
            return ids.contains(ref.id());
        }
        if (v instanceof ArrayValue a) {
            return a.items().stream().anyMatch(item -> refersTo(item, ids));
        }
        if (v instanceof DictionaryValue d) {
            return d.entries().stream().anyMatch(e -> refersTo(e.getValue(), ids));
        }
        return false;
    }

    /** Sets or (with null) removes {@code key}, remembering how to undo it. */
    private <K, V> void record(Map<K, V> map, K key, V value) {
        boolean had = map.containsKey(key);
        V old = value == null ? map.remove(key) : map.put(key, value);
        undo.push(() -> {
            if (had) {
                map.put(key, old);
            } else {
                map.remove(key);
            }
        });
    }
}
