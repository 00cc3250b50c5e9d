package dev.kompira.core.object;

import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.store.TreeRules;
import dev.kompira.core.value.Value;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transaction {@link ObjectTree#write} hands out: a store transaction whose {@code create} and
 * {@code update} check the field values as every write of the tree does ({@link FieldRules}:
 * declared fields only, converted and validated by their declarations, relative paths from the
 * object's directory) and refuse an object whose type is not a type object, with a
 * {@link WriteRefusedException} that changes nothing. Everything else is the store's.
 *
 * <p>Type declarations are read once per transaction and read again when the transaction changes
 * a type. Used by the one thread that runs the transaction.
 */
final class ValidatingTransaction implements Transaction {

    private final Transaction tx;
    private final ZoneId zone;
    private final Map<Long, Type> types = new HashMap<>();
    private final TypeDefinitions definitions;

    ValidatingTransaction(Transaction tx, ZoneId zone, TypeDefinitions definitions) {
        this.tx = tx;
        this.zone = zone;
        this.definitions = definitions;
    }

    /** A type as this transaction last read it. */
    private record Type(String path, TypeDefinition definition) {
    }

    @Override
    public StoredObject root() {
        return tx.root();
    }

    @Override
    public Optional<StoredObject> get(long id) {
        return tx.get(id);
    }

    @Override
    public Optional<StoredObject> get(String path) {
        return tx.get(path);
    }

    @Override
    public List<StoredObject> children(long id) {
        return tx.children(id);
    }

    @Override
    public List<StoredObject> descendants(long id) {
        return tx.descendants(id);
    }

    @Override
    public StoredObject create(long parentId, String name, long typeId, String displayName, String owner,
            Map<String, Value> fields) {
        return ScheduleCheck.checked(tx,
                tx.create(parentId, name, typeId, displayName, owner, checkedForCreate(parentId, name, typeId, fields)));
    }

    @Override
    public StoredObject create(long parentId, String name, long typeId, String displayName, String owner,
            Map<String, Value> fields, long wantedId) {
        return ScheduleCheck.checked(tx, tx.create(parentId, name, typeId, displayName, owner, checkedForCreate(parentId, name, typeId, fields),
                wantedId));
    }

    /** The fields of a new object, converted; what the store itself refuses (no parent, no type) is left to it. */
    private Map<String, Value> checkedForCreate(long parentId, String name, long typeId, Map<String, Value> fields) {
        Optional<StoredObject> parent = tx.get(parentId);
        Optional<StoredObject> typeObject = typeId == SELF_TYPED ? Optional.empty() : tx.get(typeId);
        if (parent.isEmpty() || typeObject.isEmpty()) {
            return fields;
        }
        String path = TreeRules.childPath(parent.get().path(), name);
        if (!FieldRules.isTypeObject(tx, typeObject.get())) {
            throw new WriteRefusedException(new WriteRefusedException.Problem(path, null,
                    "its type " + typeObject.get().path() + " is not a type object"));
        }
        return checked(new FieldRules.Target(path, 0, typeObject.get().path(), type(typeObject.get()).definition()),
                parent.get().path(), fields);
    }

    @Override
    public StoredObject update(long id, ObjectUpdate update) {
        Optional<StoredObject> o = tx.get(id);
        types.remove(id);
        if (o.isEmpty() || update.set().isEmpty()) {
            return ScheduleCheck.checked(tx, tx.update(id, update));
        }
        Optional<StoredObject> typeObject = tx.get(o.get().typeId());
        if (typeObject.isEmpty()) {
            return tx.update(id, update);
        }
        Type type = type(typeObject.get());
        Map<String, Value> set = checked(new FieldRules.Target(o.get().path(), id, type.path(), type.definition()),
                ObjectPaths.parent(o.get().path()), update.set());
        return ScheduleCheck.checked(tx, tx.update(id, new ObjectUpdate(set, update.unset(), update.displayName(), update.description(),
                update.owner(), update.userPermissions(), update.groupPermissions(), update.touch())));
    }

    private Map<String, Value> checked(FieldRules.Target target, String base, Map<String, Value> fields) {
        if (fields.isEmpty()) {
            return fields;
        }
        FieldRules.Converted converted = FieldRules.convert(tx, zone, base, target, fields, true);
        if (!converted.problems().isEmpty()) {
            throw new WriteRefusedException(converted.problems(), List.of());
        }
        return converted.values();
    }

    private Type type(StoredObject typeObject) {
        return types.computeIfAbsent(typeObject.id(), id -> new Type(typeObject.path(), definitions.of(typeObject)));
    }

    @Override
    public StoredObject stamp(long id, Instant created, Instant updated) {
        return tx.stamp(id, created, updated);
    }

    @Override
    public StoredObject retype(long id, long typeId) {
        return tx.retype(id, typeId);
    }

    @Override
    public StoredObject move(long id, long newParentId, String newName) {
        types.clear();
        return tx.move(id, newParentId, newName);
    }

    @Override
    public StoredObject copy(long id, long newParentId, String newName, String owner) {
        return tx.copy(id, newParentId, newName, owner);
    }

    @Override
    public int delete(long id) {
        types.clear();
        return tx.delete(id);
    }
}
