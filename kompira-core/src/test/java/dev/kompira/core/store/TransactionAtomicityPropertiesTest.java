package dev.kompira.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random histories of transactions on a {@link MemoryStore} — creates, updates, moves, copies and
 * deletes, valid and invalid, some transactions failing half-way — checked against a reference
 * model kept here: after every transaction the store equals the model after it (when it
 * committed) or before it (when it threw), ids included, and every operation fails exactly when
 * the model says, with the model's message (objects.md §2.5 rule 8).
 */
class TransactionAtomicityPropertiesTest {

    /** A third of the project's example count: each example runs up to 60 operations in up to 10 transactions. */
    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000) / 3;

    private static final long TYPE = 5;
    private static final long MISSING = 1_000_000;
    private static final Instant T0 = Instant.parse("2024-04-01T09:00:00Z");
    /** Names to pick from: siblings collide often; some names are invalid. */
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "A", "ノ", "a", "b", "c", "1x", "for", "");
    private static final String EMPTY_PERMISSIONS = Rendering.nested(new DictionaryValue());

    private enum Kind { CREATE, UPDATE, MOVE, COPY, DELETE, FAIL }

    /**
     * One operation; {@code target} and {@code parent} pick an existing object (or a missing id),
     * {@code name} a name, {@code value} the field data.
     */
    private record Op(Kind kind, int target, int parent, int name, int value) {
    }

    /** A transaction: its operations, and whether the work catches StoreExceptions and goes on. */
    private record Tx(List<Op> ops, boolean catchErrors) {
    }

    private static Gen<Op> ops() {
        Gen<Kind> kinds = Generate.pick(List.of(Kind.CREATE, Kind.CREATE, Kind.CREATE, Kind.CREATE, Kind.UPDATE,
                Kind.UPDATE, Kind.MOVE, Kind.MOVE, Kind.COPY, Kind.COPY, Kind.DELETE, Kind.FAIL));
        Gen<Integer> picks = integers().between(0, 19);
        return kinds.zip(picks, picks, integers().between(0, NAMES.size() - 1), integers().between(0, 99), Op::new);
    }

    private static Gen<List<Tx>> histories() {
        Gen<Tx> transactions = lists().of(ops()).ofSizeBetween(1, 6).zip(booleans().all(), Tx::new);
        return lists().of(transactions).ofSizeBetween(1, 10);
    }

    @Test
    void everyTransactionIsAllOrNothing() {
        qt().withExamples(EXAMPLES).forAll(histories()).checkAssert(TransactionAtomicityPropertiesTest::check);
    }

    private static void check(List<Tx> history) {
        ObjectStoreContract.SettableClock clock = new ObjectStoreContract.SettableClock(T0);
        try (MemoryStore store = new MemoryStore(clock)) {
            Model model = seeded(store);
            for (int k = 0; k < history.size(); k++) {
                Instant now = T0.plusSeconds(k + 1);
                clock.set(now);
                Model attempt = model.copy();
                boolean committed = run(store, history.get(k), attempt, now);
                if (committed) {
                    model = attempt;
                } else {
                    model.nextId = attempt.nextId;
                }
                assertEquals(model.dump(), dump(store), "after transaction " + k + " (" + (committed ? "committed" : "rolled back") + ")");
            }
        }
    }

    /** Creates the root and a few objects (so that the first operations have something to act on) in the store and in a model. */
    private static Model seeded(MemoryStore store) {
        Model model = new Model();
        model.createRoot(T0);
        List<String> parents = List.of("/", "/x", "/");
        List<String> names = List.of("x", "y", "z");
        store.write("seed", tx -> {
            StoredObject root = tx.create(0, "", TYPE, null, "root", Map.of());
            for (int i = 0; i < names.size(); i++) {
                long parent = tx.get(parents.get(i)).orElseThrow().id();
                tx.create(parent, names.get(i), TYPE, null, "maker", Map.of("f0", IntegerValue.of(0)));
                model.create(model.idAt(parents.get(i)), names.get(i), 0, T0);
            }
            return root;
        });
        return model;
    }

    /** Runs {@code t} on the store and on {@code model} side by side; returns whether the store committed. */
    private static boolean run(MemoryStore store, Tx t, Model model, Instant now) {
        try {
            store.write("random", tx -> {
                for (Op op : t.ops()) {
                    apply(tx, op, model, now, t.catchErrors());
                }
                return null;
            });
            return true;
        } catch (StoreException | Failure e) {
            return false;
        }
    }

    private static void apply(Transaction tx, Op op, Model model, Instant now, boolean catchErrors) {
        if (op.kind() == Kind.FAIL) {
            throw new Failure();
        }
        long target = model.pickTarget(op.target());
        long parent = model.pickParent(op.parent());
        String name = NAMES.get(op.name());
        Expected expected = model.apply(op.kind(), target, parent, name, op.value(), now);
        try {
            Object result = perform(tx, op.kind(), target, parent, name, op.value());
            assertNull(expected.error(), op + " should have failed");
            if (op.kind() == Kind.DELETE) {
                assertEquals(expected.deleted(), result, op + " deleted count");
            }
        } catch (StoreException e) {
            assertEquals(expected.error(), e.getMessage(), op.toString());
            if (!catchErrors) {
                throw e;
            }
        }
    }

    private static Object perform(Transaction tx, Kind kind, long target, long parent, String name, int value) {
        switch (kind) {
            case CREATE:
                return tx.create(parent, name, TYPE, null, "maker", value % 2 == 0 ? Map.of("f0", IntegerValue.of(value)) : Map.of());
            case UPDATE:
                return tx.update(target, update(value));
            case MOVE:
                return tx.move(target, parent, name);
            case COPY:
                return tx.copy(target, parent, name, "copier");
            case DELETE:
                return tx.delete(target);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    /** The update {@code value} stands for: set, clear or unset field {@code f<value % 3>}, or a conflicting update. */
    private static ObjectUpdate update(int value) {
        String field = "f" + value % 3;
        boolean touch = value % 2 == 0;
        if (value % 17 == 16) {
            return new ObjectUpdate(Map.of(field, IntegerValue.of(value)), Set.of(field), null, null, null, null, null, touch);
        }
        if (value % 4 == 3) {
            return new ObjectUpdate(Map.of(), Set.of(field), null, null, null, null, null, touch);
        }
        Map<String, Value> set = new HashMap<>();
        set.put(field, fieldValue(value));
        return new ObjectUpdate(set, Set.of(), null, null, null, null, null, touch);
    }

    private static Value fieldValue(int value) {
        switch (value % 4) {
            case 0:
                return IntegerValue.of(value);
            case 1:
                return ArrayValue.of(StringValue.of("s" + value));
            default:
                return null;
        }
    }

    private static String rendered(Value value) {
        return value == null ? "null" : Rendering.nested(value);
    }

    private static String dump(MemoryStore store) {
        return store.read(tx -> {
            StringBuilder out = new StringBuilder(ObjectStoreContract.describe(tx.root())).append('\n');
            for (StoredObject o : tx.descendants(tx.root().id())) {
                out.append(ObjectStoreContract.describe(o)).append('\n');
            }
            return out.toString();
        });
    }

    /** What the model expects of an operation: the error message (null when it succeeds) and, for delete, the count. */
    private record Expected(String error, int deleted) {

        static Expected ok() {
            return new Expected(null, 0);
        }

        static Expected error(StoreException e) {
            return new Expected(e.getMessage(), 0);
        }
    }

    /** The work's own failure, which rolls the transaction back. */
    private static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Failure() {
            super("the work fails", null, false, false);
        }
    }

    /** One object of the model. */
    private static final class Node {

        long id;
        long parentId;
        String name;
        String displayName;
        String owner;
        Instant created;
        Instant updated;
        final Map<String, String> fields = new LinkedHashMap<>();

        Node copy() {
            Node n = new Node();
            n.id = id;
            n.parentId = parentId;
            n.name = name;
            n.displayName = displayName;
            n.owner = owner;
            n.created = created;
            n.updated = updated;
            n.fields.putAll(fields);
            return n;
        }
    }

    /** The reference model: a map of nodes, with the tree rules written out plainly. */
    private static final class Model {

        final TreeMap<Long, Node> nodes = new TreeMap<>();
        long rootId;
        long nextId = 1;

        Model copy() {
            Model m = new Model();
            nodes.forEach((id, n) -> m.nodes.put(id, n.copy()));
            m.rootId = rootId;
            m.nextId = nextId;
            return m;
        }

        void createRoot(Instant now) {
            Node root = node(nextId++, 0, "", "root", now);
            root.parentId = root.id;
            rootId = root.id;
        }

        private Node node(long id, long parentId, String name, String owner, Instant now) {
            Node n = new Node();
            n.id = id;
            n.parentId = parentId;
            n.name = name;
            n.displayName = name;
            n.owner = owner;
            n.created = now;
            n.updated = now;
            nodes.put(id, n);
            return n;
        }

        /** Returns an object to act on: mostly one below the root, sometimes the root, sometimes a missing id. */
        long pickTarget(int pick) {
            List<Long> ids = new ArrayList<>(nodes.keySet());
            ids.remove(Long.valueOf(rootId));
            if (pick >= 18) {
                return MISSING;
            }
            return pick >= 16 || ids.isEmpty() ? rootId : ids.get(pick % ids.size());
        }

        /** Returns a container to put an object in: any object, sometimes a missing id. */
        long pickParent(int pick) {
            if (pick >= 18) {
                return MISSING;
            }
            List<Long> ids = new ArrayList<>(nodes.keySet());
            return ids.get(pick % ids.size());
        }

        long idAt(String path) {
            return nodes.values().stream().filter(n -> path(n).equals(path)).findFirst().orElseThrow().id;
        }

        String path(Node n) {
            return n.id == rootId ? "/" : TreeRules.childPath(path(nodes.get(n.parentId)), n.name);
        }

        List<Node> children(long id) {
            return nodes.values().stream().filter(n -> n.parentId == id && n.id != rootId).collect(Collectors.toList());
        }

        /** Returns {@code n} and its descendants, depth first, siblings by id. */
        List<Node> subtree(Node n) {
            List<Node> out = new ArrayList<>(List.of(n));
            for (Node child : children(n.id)) {
                out.addAll(subtree(child));
            }
            return out;
        }

        boolean isAtOrBelow(Node n, long id) {
            for (Node at = n; ; at = nodes.get(at.parentId)) {
                if (at.id == id) {
                    return true;
                }
                if (at.id == rootId) {
                    return false;
                }
            }
        }

        Expected apply(Kind kind, long target, long parent, String name, int value, Instant now) {
            try {
                switch (kind) {
                    case CREATE:
                        create(parent, name, value, now);
                        return Expected.ok();
                    case UPDATE:
                        update(target, value, now);
                        return Expected.ok();
                    case MOVE:
                        move(target, parent, name, now);
                        return Expected.ok();
                    case COPY:
                        copy(target, parent, name, now);
                        return Expected.ok();
                    default:
                        return new Expected(null, delete(target));
                }
            } catch (StoreException e) {
                return Expected.error(e);
            }
        }

        private Node require(long id) {
            Node n = nodes.get(id);
            if (n == null) {
                throw TreeRules.noObject(id);
            }
            return n;
        }

        private void checkFree(Node parent, String name) {
            for (Node sibling : children(parent.id)) {
                if (sibling.name.equals(name)) {
                    throw TreeRules.nameTaken(path(parent), name);
                }
            }
        }

        void create(long parentId, String name, int value, Instant now) {
            Node parent = require(parentId);
            TreeRules.checkName(path(parent), name);
            checkFree(parent, name);
            Node n = node(nextId++, parentId, name, "maker", now);
            if (value % 2 == 0) {
                n.fields.put("f0", rendered(IntegerValue.of(value)));
            }
        }

        void update(long id, int value, Instant now) {
            Node n = require(id);
            String field = "f" + value % 3;
            if (value % 17 == 16) {
                throw TreeRules.setAndUnset(path(n), field);
            }
            if (value % 4 == 3) {
                n.fields.remove(field);
            } else {
                n.fields.put(field, rendered(fieldValue(value)));
            }
            if (value % 2 == 0) {
                n.updated = now;
            }
        }

        void move(long id, long parentId, String name, Instant now) {
            Node n = require(id);
            if (n.id == rootId) {
                throw TreeRules.rootIsFixed();
            }
            Node parent = require(parentId);
            if (parent.id == n.parentId && name.equals(n.name)) {
                return;
            }
            TreeRules.checkName(path(parent), name);
            if (isAtOrBelow(parent, n.id)) {
                throw TreeRules.moveIntoItself(path(n));
            }
            checkFree(parent, name);
            if (n.displayName.equals(n.name)) {
                n.displayName = name;
            }
            n.parentId = parentId;
            n.name = name;
            n.updated = now;
        }

        void copy(long id, long parentId, String name, Instant now) {
            Node n = require(id);
            Node parent = require(parentId);
            TreeRules.checkName(path(parent), name);
            if (isAtOrBelow(parent, n.id)) {
                throw TreeRules.copyIntoItself(path(n));
            }
            checkFree(parent, name);
            Map<Long, Long> copyIds = new HashMap<>(Map.of(n.parentId, parentId));
            for (Node original : subtree(n)) {
                boolean top = original == n;
                Node c = node(nextId++, copyIds.get(original.parentId), top ? name : original.name, "copier", now);
                c.displayName = top && n.displayName.equals(n.name) ? name : original.displayName;
                c.fields.putAll(original.fields);
                copyIds.put(original.id, c.id);
            }
        }

        int delete(long id) {
            Node n = require(id);
            if (n.id == rootId) {
                throw TreeRules.rootIsFixed();
            }
            List<Node> subtree = subtree(n);
            for (Node gone : subtree) {
                nodes.remove(gone.id);
            }
            return subtree.size();
        }

        String dump() {
            StringBuilder out = new StringBuilder();
            for (Node n : subtree(nodes.get(rootId))) {
                String fields = n.fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}"));
                out.append(n.id).append(' ').append(path(n)).append(" parent=").append(n.parentId)
                        .append(" name=").append(n.name).append(" type=").append(TYPE)
                        .append(" display=").append(n.displayName).append(" description=")
                        .append(" owner=").append(n.owner).append(" created=").append(n.created)
                        .append(" updated=").append(n.updated).append(" users=").append(EMPTY_PERMISSIONS)
                        .append(" groups=").append(EMPTY_PERMISSIONS).append(" fields=").append(fields).append('\n');
            }
            return out.toString();
        }
    }
}
