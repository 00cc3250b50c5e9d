package dev.kompira.core.store;

import dev.kompira.core.value.Copies;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A transaction of {@link MemoryStore}: reads go to a private overlay of changes first, then to
 * the committed snapshot; writes go to the overlay only, and {@link #commit} folds it into a new
 * snapshot. Every write operation checks all its rules before it changes the overlay, so an
 * operation that throws leaves the transaction as it was.
 *
 * <p>Not thread-safe: it belongs to the thread running the read or write.
 */
final class MemoryTransaction implements Transaction {

    /** The id that names no object (ids start at 1); the parent id that creates the root. */
    static final long NO_ID = 0;

    private static final long[] NO_CHILDREN = new long[0];

    private final MemoryStore.Snapshot base;
    private final boolean writable;
    private final Clock clock;
    private final IdAllocator ids;

    /** Objects created or changed by this transaction. */
    private final Map<Long, StoredObject> changed = new HashMap<>();
    /** Ids deleted by this transaction (never in {@link #changed}). */
    private final Set<Long> deleted = new HashSet<>();
    /** Paths (re)bound by this transaction; {@link #NO_ID} marks a path that no longer names anything. */
    private final Map<String, Long> paths = new HashMap<>();
    /** Child lists this transaction changed (an empty list: no children any more). */
    private final Map<Long, IdList> children = new HashMap<>();

    private long rootId;
    private Instant now;
    private boolean finished;

    private MemoryTransaction(MemoryStore.Snapshot base, boolean writable, Clock clock, IdAllocator ids) {
        this.base = base;
        this.writable = writable;
        this.clock = clock;
        this.ids = ids;
        this.rootId = base.rootId();
    }

    /** Returns a read-only transaction on {@code snapshot}. */
    static MemoryTransaction reading(MemoryStore.Snapshot snapshot) {
        return new MemoryTransaction(snapshot, false, null, null);
    }

    /** Returns a write transaction on {@code snapshot} taking time from {@code clock} and new ids from {@code ids}. */
    static MemoryTransaction writing(MemoryStore.Snapshot snapshot, Clock clock, IdAllocator ids) {
        return new MemoryTransaction(snapshot, true, clock, ids);
    }

    /** Makes every later call fail: a transaction must not outlive its read or write. */
    void finish() {
        finished = true;
    }

    /** Returns what this transaction did to each object it created, changed or deleted, by id. */
    List<StoreChange> changes() {
        TreeSet<Long> ids = new TreeSet<>(changed.keySet());
        ids.addAll(deleted);
        List<StoreChange> changes = new ArrayList<>(ids.size());
        for (long id : ids) {
            MemoryStore.Entry before = base.objects().get(id);
            StoredObject after = deleted.contains(id) ? null : changed.get(id);
            if (before != null || after != null) {
                changes.add(new StoreChange(before == null ? null : before.object(), after));
            }
        }
        return changes;
    }

    /** Returns the snapshot with this transaction's changes applied. */
    MemoryStore.Snapshot commit() {
        Set<Long> touched = new HashSet<>(changed.keySet());
        touched.addAll(deleted);
        touched.addAll(children.keySet());
        long[] ids = new long[touched.size()];
        int n = 0;
        for (Long id : touched) {
            ids[n++] = id;
        }
        Arrays.sort(ids);
        Object[] entries = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) {
            StoredObject o = object(ids[i]);
            entries[i] = o == null ? null : new MemoryStore.Entry(o, committedChildren(ids[i]));
        }
        PersistentMap.Batch<String, Long> pathBatch = base.paths().batch();
        for (Map.Entry<String, Long> e : paths.entrySet()) {
            if (e.getValue() == NO_ID) {
                pathBatch.remove(e.getKey());
            } else {
                pathBatch.put(e.getKey(), e.getValue());
            }
        }
        return new MemoryStore.Snapshot(base.objects().withAll(ids, entries), pathBatch.build(), rootId);
    }

    private long[] committedChildren(long id) {
        IdList list = children.get(id);
        return list == null ? baseChildren(id) : list.toArray();
    }

    // ---- reads

    @Override
    public StoredObject root() {
        checkOpen();
        if (rootId == NO_ID) {
            throw TreeRules.noRoot();
        }
        return object(rootId);
    }

    @Override
    public Optional<StoredObject> get(long id) {
        checkOpen();
        return Optional.ofNullable(object(id));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Looks {@code path} up as it is: a string that is not exactly an object's absolute path
     * (relative, with {@code .} or {@code ..}, a trailing or doubled {@code /}) finds nothing.
     */
    @Override
    public Optional<StoredObject> get(String path) {
        checkOpen();
        long id = idAt(Objects.requireNonNull(path, "path"));
        return id == NO_ID ? Optional.empty() : Optional.of(object(id));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException when there is no object {@code id}
     */
    @Override
    public List<StoredObject> children(long id) {
        checkOpen();
        require(id);
        List<StoredObject> out = new ArrayList<>();
        IdList changedIds = children.get(id);
        if (changedIds != null) {
            for (int i = 0; i < changedIds.size(); i++) {
                out.add(object(changedIds.get(i)));
            }
        } else {
            for (long child : baseChildren(id)) {
                out.add(object(child));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Depth first: each object is followed by its own descendants before its next sibling.
     *
     * @throws StoreException when there is no object {@code id}
     */
    @Override
    public List<StoredObject> descendants(long id) {
        checkOpen();
        require(id);
        List<StoredObject> out = new ArrayList<>();
        collectDescendants(id, out);
        return Collections.unmodifiableList(out);
    }

    // ---- writes

    /**
     * {@inheritDoc}
     *
     * <p>{@code create(0, "", ...)} creates the root of an empty store (see {@link MemoryStore}).
     * The new object gets an empty description and empty permissions.
     */
    @Override
    public StoredObject create(long parentId, String name, long typeId, String displayName, String owner,
            Map<String, Value> fields) {
        return create(parentId, name, typeId, displayName, owner, fields, NO_ID);
    }

    /** {@inheritDoc} */
    @Override
    public StoredObject create(long parentId, String name, long typeId, String displayName, String owner,
            Map<String, Value> fields, long wantedId) {
        checkWritable();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Map<String, Value> stored = copyFields(Objects.requireNonNull(fields, "fields"), new LinkedHashMap<>());
        if (parentId == NO_ID && name.isEmpty()) {
            return createRoot(typeId, displayName, owner, stored, wantedId);
        }
        if (rootId == NO_ID) {
            throw TreeRules.noRoot();
        }
        StoredObject parent = require(parentId);
        String path = freePlace(parent, name);
        checkType(parent.path(), typeId);
        long id = wantedId > NO_ID && ids.claim(wantedId) ? wantedId : ids.next();
        StoredObject created = new StoredObject(id, parentId, name, path, typeId == SELF_TYPED ? id : typeId,
                displayName == null ? name : displayName, "", owner, now(), now(), new DictionaryValue(),
                new DictionaryValue(), stored);
        store(created);
        editableChildList(parentId).add(id);
        return created;
    }

    private StoredObject createRoot(long typeId, String displayName, String owner, Map<String, Value> fields, long wantedId) {
        if (rootId != NO_ID) {
            throw TreeRules.rootExists();
        }
        checkType(TreeRules.ROOT_PATH, typeId);
        long id = wantedId > NO_ID && ids.claim(wantedId) ? wantedId : ids.next();
        StoredObject root = new StoredObject(id, id, "", TreeRules.ROOT_PATH, typeId == SELF_TYPED ? id : typeId,
                displayName == null ? "" : displayName, "", owner, now(), now(), new DictionaryValue(),
                new DictionaryValue(), fields);
        store(root);
        rootId = id;
        return root;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fields newly set go after the existing ones; a field set again keeps its place.
     *
     * @throws StoreException when there is no object {@code id} or a field is both set and unset
     */
    @Override
    public StoredObject retype(long id, long typeId) {
        checkWritable();
        StoredObject o = require(id);
        checkType(o.path(), typeId);
        StoredObject retyped = new StoredObject(o.id(), o.parentId(), o.name(), o.path(),
                typeId == SELF_TYPED ? o.id() : typeId, o.displayName(), o.description(), o.owner(), o.created(),
                o.updated(), o.userPermissions(), o.groupPermissions(), o.fields());
        store(retyped);
        return retyped;
    }

    @Override
    public StoredObject stamp(long id, Instant created, Instant updated) {
        checkWritable();
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        StoredObject o = require(id);
        StoredObject stamped = new StoredObject(o.id(), o.parentId(), o.name(), o.path(), o.typeId(), o.displayName(),
                o.description(), o.owner(), created, updated, o.userPermissions(), o.groupPermissions(), o.fields());
        store(stamped);
        return stamped;
    }

    @Override
    public StoredObject update(long id, ObjectUpdate update) {
        checkWritable();
        Objects.requireNonNull(update, "update");
        StoredObject o = require(id);
        for (String field : update.set().keySet()) {
            if (update.unset().contains(field)) {
                throw TreeRules.setAndUnset(o.path(), field);
            }
        }
        Map<String, Value> fields = copyFields(update.set(), new LinkedHashMap<>(o.fields()));
        fields.keySet().removeAll(update.unset());
        StoredObject updated = new StoredObject(o.id(), o.parentId(), o.name(), o.path(), o.typeId(),
                orElse(update.displayName(), o.displayName()), orElse(update.description(), o.description()),
                orElse(update.owner(), o.owner()), o.created(), update.touch() ? now() : o.updated(),
                update.userPermissions() == null ? o.userPermissions() : copy(update.userPermissions()),
                update.groupPermissions() == null ? o.groupPermissions() : copy(update.groupPermissions()), fields);
        store(updated);
        return updated;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The descendants move along. A display name equal to the old name follows the new name
     * (objects.md §2.2); the moved object's {@code updated} becomes now, its descendants' stays.
     * Moving an object to where it is already changes nothing.
     *
     * @throws StoreException when an object is missing, {@code id} is the root, the name is invalid
     *                        or taken, the new parent is {@code id} or below it, or a path gets too long
     */
    @Override
    public StoredObject move(long id, long newParentId, String newName) {
        checkWritable();
        Objects.requireNonNull(newName, "newName");
        StoredObject o = require(id);
        if (o.isRoot()) {
            throw TreeRules.rootIsFixed();
        }
        StoredObject parent = require(newParentId);
        if (parent.id() == o.parentId() && newName.equals(o.name())) {
            return o;
        }
        TreeRules.checkName(parent.path(), newName);
        if (isAtOrBelow(parent, id)) {
            throw TreeRules.moveIntoItself(o.path());
        }
        String path = TreeRules.childPath(parent.path(), newName);
        List<StoredObject> subtree = subtree(o);
        checkRebasedLengths(subtree, o.path(), path);
        if (idAt(path) != NO_ID) {
            throw TreeRules.nameTaken(parent.path(), newName);
        }
        for (StoredObject s : subtree) {
            paths.put(s.path(), NO_ID);
        }
        editableChildList(o.parentId()).remove(id);
        editableChildList(parent.id()).add(id);
        StoredObject moved = new StoredObject(id, parent.id(), newName, path, o.typeId(),
                o.displayName().equals(o.name()) ? newName : o.displayName(), o.description(), o.owner(), o.created(),
                now(), o.userPermissions(), o.groupPermissions(), o.fields());
        store(moved);
        for (StoredObject s : subtree.subList(1, subtree.size())) {
            store(withPath(s, rebased(s.path(), o.path(), path)));
        }
        return moved;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The copies get new ids (ascending in the original's depth-first order, so the children keep
     * their order), {@code created} = {@code updated} = now and {@code owner} as owner; they keep
     * the type, display name (the top copy's follows the new name when it equalled the old name),
     * description, permissions and field values (deep copies). Object references are copied as they
     * are: those that pointed inside the copied subtree keep pointing at the originals. A copy of
     * a self-typed object is an instance of the original.
     *
     * @throws StoreException when an object is missing, the name is invalid or taken, the new parent
     *                        is {@code id} or below it (so the root cannot be copied), or a path gets
     *                        too long
     */
    @Override
    public StoredObject copy(long id, long newParentId, String newName, String owner) {
        checkWritable();
        Objects.requireNonNull(newName, "newName");
        Objects.requireNonNull(owner, "owner");
        StoredObject o = require(id);
        StoredObject parent = require(newParentId);
        TreeRules.checkName(parent.path(), newName);
        if (isAtOrBelow(parent, id)) {
            throw TreeRules.copyIntoItself(o.path());
        }
        String path = TreeRules.childPath(parent.path(), newName);
        List<StoredObject> subtree = subtree(o);
        checkRebasedLengths(subtree, o.path(), path);
        if (idAt(path) != NO_ID) {
            throw TreeRules.nameTaken(parent.path(), newName);
        }
        Map<Long, Long> copyIds = new HashMap<>();
        copyIds.put(o.parentId(), parent.id());
        StoredObject top = null;
        for (StoredObject s : subtree) {
            boolean isTop = s == o;
            long copyId = ids.next();
            long copyParent = copyIds.get(s.parentId());
            String copyName = isTop ? newName : s.name();
            String displayName = isTop && o.displayName().equals(o.name()) ? newName : s.displayName();
            StoredObject c = new StoredObject(copyId, copyParent, copyName, rebased(s.path(), o.path(), path),
                    s.typeId(), displayName, s.description(), owner, now(), now(), copy(s.userPermissions()),
                    copy(s.groupPermissions()), copyFields(s.fields(), new LinkedHashMap<>()));
            copyIds.put(s.id(), copyId);
            store(c);
            editableChildList(copyParent).add(copyId);
            top = isTop ? c : top;
        }
        return top;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException when there is no object {@code id} or it is the root
     */
    @Override
    public int delete(long id) {
        checkWritable();
        StoredObject o = require(id);
        if (o.isRoot()) {
            throw TreeRules.rootIsFixed();
        }
        List<StoredObject> subtree = subtree(o);
        editableChildList(o.parentId()).remove(id);
        for (StoredObject s : subtree) {
            changed.remove(s.id());
            deleted.add(s.id());
            paths.put(s.path(), NO_ID);
            children.put(s.id(), new IdList(NO_CHILDREN));
        }
        return subtree.size();
    }

    // ---- helpers

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("the transaction is finished; it must not be used outside its read or write");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (!writable) {
            throw TreeRules.readOnly();
        }
    }

    private static void checkType(String parentPath, long typeId) {
        if (typeId != SELF_TYPED && typeId <= NO_ID) {
            throw TreeRules.invalidType(parentPath, typeId);
        }
    }

    private Instant now() {
        if (now == null) {
            now = clock.instant();
        }
        return now;
    }

    /** Returns the object {@code id}, or null. Reads skip the (empty) overlay without boxing the id. */
    private StoredObject object(long id) {
        if (!deleted.isEmpty() && deleted.contains(id)) {
            return null;
        }
        if (!changed.isEmpty()) {
            StoredObject o = changed.get(id);
            if (o != null) {
                return o;
            }
        }
        MemoryStore.Entry e = base.objects().get(id);
        return e == null ? null : e.object();
    }

    private StoredObject require(long id) {
        StoredObject o = object(id);
        if (o == null) {
            throw TreeRules.noObject(id);
        }
        return o;
    }

    private long idAt(String path) {
        Long id = paths.get(path);
        if (id == null) {
            id = base.paths().get(path);
        }
        return id == null ? NO_ID : id;
    }

    /** Records {@code o} as the current version of its id, at its path. */
    private void store(StoredObject o) {
        changed.put(o.id(), o);
        paths.put(o.path(), o.id());
    }

    /** Returns the path of the child {@code name} of {@code parent}, checking the name, the length and that it is free. */
    private String freePlace(StoredObject parent, String name) {
        TreeRules.checkName(parent.path(), name);
        String path = TreeRules.childPath(parent.path(), name);
        TreeRules.checkPathLength(TreeRules.length(path));
        if (idAt(path) != NO_ID) {
            throw TreeRules.nameTaken(parent.path(), name);
        }
        return path;
    }

    /** Returns whether {@code o} is the object {@code id} or one of its descendants. */
    private boolean isAtOrBelow(StoredObject o, long id) {
        StoredObject at = o;
        while (at.id() != id) {
            if (at.isRoot()) {
                return false;
            }
            at = object(at.parentId());
        }
        return true;
    }

    /** Returns {@code o} followed by its descendants, depth first. */
    private List<StoredObject> subtree(StoredObject o) {
        List<StoredObject> out = new ArrayList<>();
        out.add(o);
        collectDescendants(o.id(), out);
        return out;
    }

    private void collectDescendants(long id, List<StoredObject> out) {
        IdList changedIds = children.isEmpty() ? null : children.get(id);
        if (changedIds != null) {
            for (int i = 0; i < changedIds.size(); i++) {
                visit(changedIds.get(i), out);
            }
        } else {
            for (long child : baseChildren(id)) {
                visit(child, out);
            }
        }
    }

    private void visit(long id, List<StoredObject> out) {
        out.add(object(id));
        collectDescendants(id, out);
    }

    /** Checks the paths the objects of {@code subtree} get when its top moves from {@code from} to {@code to}. */
    private static void checkRebasedLengths(List<StoredObject> subtree, String from, String to) {
        int fromLength = TreeRules.length(from);
        int longest = 0;
        for (StoredObject s : subtree) {
            longest = Math.max(longest, TreeRules.length(s.path()));
        }
        TreeRules.checkPathLength(TreeRules.length(to) + longest - fromLength);
    }

    private static String rebased(String path, String from, String to) {
        return to + path.substring(from.length());
    }

    private static StoredObject withPath(StoredObject o, String path) {
        return new StoredObject(o.id(), o.parentId(), o.name(), path, o.typeId(), o.displayName(), o.description(),
                o.owner(), o.created(), o.updated(), o.userPermissions(), o.groupPermissions(), o.fields());
    }

    /** Puts deep copies of {@code source}'s values into {@code target}; one copier keeps the sharing among them. */
    private static Map<String, Value> copyFields(Map<String, Value> source, Map<String, Value> target) {
        Copies.Copier copier = new Copies.Copier();
        for (Map.Entry<String, Value> e : source.entrySet()) {
            target.put(Objects.requireNonNull(e.getKey(), "field name"), copier.copy(e.getValue()));
        }
        return target;
    }

    private static DictionaryValue copy(DictionaryValue permissions) {
        return (DictionaryValue) Copies.deepCopy(permissions);
    }

    private static String orElse(String value, String current) {
        return value == null ? current : value;
    }

    /** Returns the committed children of {@code id} (none for an object this transaction created); not to be changed. */
    private long[] baseChildren(long id) {
        MemoryStore.Entry e = base.objects().get(id);
        return e == null ? NO_CHILDREN : e.children();
    }

    /** Returns the child list of {@code id} that this transaction may change. */
    private IdList editableChildList(long id) {
        return children.computeIfAbsent(id, parent -> new IdList(baseChildren(parent)));
    }

    /**
     * Ascending ids in a growable array. It starts on a snapshot's array and copies it at the first
     * change (copy on write), because snapshot arrays are shared with readers.
     */
    private static final class IdList {

        private long[] ids;
        private int size;
        private boolean owned;

        IdList(long[] shared) {
            this.ids = shared;
            this.size = shared.length;
        }

        int size() {
            return size;
        }

        long get(int index) {
            return ids[index];
        }

        void add(long id) {
            int at = size > 0 && ids[size - 1] < id ? size : -Arrays.binarySearch(ids, 0, size, id) - 1;
            own(size + 1);
            System.arraycopy(ids, at, ids, at + 1, size - at);
            ids[at] = id;
            size++;
        }

        void remove(long id) {
            int at = Arrays.binarySearch(ids, 0, size, id);
            own(size);
            System.arraycopy(ids, at + 1, ids, at, size - at - 1);
            size--;
        }

        /** Returns the ids as an array for a snapshot; the list must not change afterwards. */
        long[] toArray() {
            return size == ids.length ? ids : Arrays.copyOf(ids, size);
        }

        /**
         * Makes {@link #ids} a private array of at least {@code capacity} slots: exactly that many at
         * the first change (one change to a large directory then costs one copy), doubling later.
         */
        private void own(int capacity) {
            if (!owned) {
                ids = Arrays.copyOf(ids, capacity);
                owned = true;
            } else if (capacity > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(capacity, ids.length * 2));
            }
        }
    }
}
