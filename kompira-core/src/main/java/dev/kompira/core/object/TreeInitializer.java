package dev.kompira.core.object;

import dev.kompira.core.object.types.BuiltinType;
import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.object.types.ConversionContext;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.StandardEntry;
import dev.kompira.core.object.types.StandardTree;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the tree a fresh store starts with (objects.md §1.4): the root, {@code /system/types}
 * with every built-in TypeObject (§4), and the required and recommended entries of the standard
 * tree, in one transaction.
 */
public final class TreeInitializer {

    private TreeInitializer() {
    }

    /** Initialises {@code store} if it is empty; does nothing otherwise. */
    public static void initialise(ObjectStore store, ZoneId zone) {
        if (!store.isEmpty()) {
            return;
        }
        store.write("initialise the object tree", tx -> {
            StoredObject root = tx.create(0, "", Transaction.SELF_TYPED, "Root directory", StandardTree.OWNER, Map.of());
            StoredObject system = tx.create(root.id(), "system", Transaction.SELF_TYPED, null, StandardTree.OWNER, Map.of());
            StoredObject types = tx.create(system.id(), "types", Transaction.SELF_TYPED, null, StandardTree.OWNER, Map.of());
            createTypes(tx, types.id());
            long directory = tx.get(BuiltinTypes.TYPES_DIRECTORY + "/Directory").orElseThrow().id();
            for (StoredObject o : List.of(root, system, types)) {
                tx.retype(o.id(), directory);
            }
            createStandardEntries(tx, zone);
            return null;
        });
    }

    /** Creates TypeObject (its own type, first in the list) and every other built-in type. */
    private static void createTypes(Transaction tx, long typesDirectory) {
        long typeObject = -1;
        for (BuiltinType type : BuiltinTypes.all()) {
            boolean self = type.name().equals("TypeObject");
            StoredObject created = tx.create(typesDirectory, type.name(), self ? Transaction.SELF_TYPED : typeObject, null,
                    StandardTree.OWNER, typeFields(type));
            if (self) {
                typeObject = created.id();
            }
        }
    }

    private static Map<String, Value> typeFields(BuiltinType type) {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put(TypeDefinition.FIELD_NAMES, strings(type.fieldNames()));
        fields.put(TypeDefinition.FIELD_DISPLAY_NAMES, strings(type.fieldDisplayNames()));
        fields.put(TypeDefinition.FIELD_TYPES, strings(type.fieldTypes()));
        return fields;
    }

    private static ArrayValue strings(List<String> items) {
        ArrayValue array = new ArrayValue();
        items.forEach(i -> array.items().add(StringValue.of(i)));
        return array;
    }

    /** Creates the standard entries parents first, then writes their fields once every target exists. */
    private static void createStandardEntries(Transaction tx, ZoneId zone) {
        List<StandardEntry> entries = StandardTree.entries();
        for (StandardEntry entry : entries) {
            if (tx.get(entry.path()).isEmpty()) {
                long parent = tx.get(entry.parentPath()).orElseThrow().id();
                long type = tx.get(BuiltinTypes.TYPES_DIRECTORY + "/" + entry.typeName()).orElseThrow().id();
                tx.create(parent, entry.name(), type, entry.displayName(), entry.owner(), Map.of());
            }
        }
        ConversionContext context = TreeContext.trusted(tx, zone, "/");
        for (StandardEntry entry : entries) {
            StoredObject o = tx.get(entry.path()).orElseThrow();
            TypeDefinition type = TypeDefinition.of(tx.get(o.typeId()).orElseThrow());
            Map<String, Value> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : entry.fields().entrySet()) {
                FieldDefinition definition = type.field(e.getKey()).orElseThrow();
                fields.put(e.getKey(), definition.convert(e.getValue(), context));
            }
            tx.update(o.id(), new ObjectUpdate(fields, java.util.Set.of(), entry.displayName(), null, null,
                    entry.userPermissions(), entry.groupPermissions(), false));
        }
    }
}
