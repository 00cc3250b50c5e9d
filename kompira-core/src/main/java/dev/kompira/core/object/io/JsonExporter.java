package dev.kompira.core.object.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The export algorithm of objects.md §7.8 for one subtree: pre-order (an object, then its
 * children by id), keys in the order of §7.2, paths as §7.3 says the library writes them. The
 * whole subtree is read in one consistent read transaction.
 */
final class JsonExporter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectTree tree;
    private final ExportOptions options;
    private final String base;
    private final Transaction tx;
    /** The objpath of every object of the export, by id. */
    private final Map<Long, String> objpaths = new HashMap<>();
    /** The bytes of the Files written by path, by that path, in document order. */
    private final Map<String, BinaryValue> attachments = new LinkedHashMap<>();
    private final FieldEncoding.Encoder encoder;
    private Instant newest = Instant.EPOCH;

    private JsonExporter(ObjectTree tree, ExportOptions options, Transaction tx) {
        this.tree = tree;
        this.options = options;
        this.base = ObjectPaths.resolve(options.base(), "/");
        this.tx = tx;
        this.encoder = new FieldEncoding.Encoder(this::link, options.attachments(), attachments::putIfAbsent);
    }

    /** See {@link KompiraExport#exportJson}. */
    static void run(ObjectTree tree, String path, Writer out, ExportOptions options) {
        KompiraJson.write(tree.store().read(tx -> new JsonExporter(tree, options, tx).export(path)).document(), out);
    }

    /** See {@link KompiraExport#exportBundle}. */
    static void bundle(ObjectTree tree, String path, OutputStream out, ExportOptions options) throws IOException {
        Exported export = tree.store().read(tx -> new JsonExporter(tree, options, tx).export(path));
        BundleWriter.write(export.document(), export.attachments(), LocalDateTime.ofInstant(export.newest(), tree.zone()), out);
    }

    /**
     * What one export gives.
     *
     * @param document    the JSON document
     * @param attachments the bytes of the Files the document names by path, by that path
     * @param newest      the latest {@code updated} of the exported objects (the time of a bundle's entries)
     */
    private record Exported(ArrayNode document, Map<String, BinaryValue> attachments, Instant newest) {
    }

    private Exported export(String path) {
        String top = ObjectPaths.resolve(path, base);
        if (!isAtOrBelow(top, base)) {
            throw new IllegalArgumentException("cannot export " + top + ": it does not lie under the export base " + base);
        }
        StoredObject start = tx.get(top).orElseThrow(() -> new IllegalArgumentException("cannot export " + top + ": no such object"));
        List<StoredObject> objects = subtree(start);
        objects.forEach(o -> objpaths.put(o.id(), objpath(o)));
        ArrayNode document = NODES.arrayNode();
        objects.forEach(o -> document.add(entry(o)));
        return new Exported(document, attachments, newest);
    }

    /**
     * Returns {@code start} and its descendants in pre-order, without the root (it has no name to
     * import under) and without the records below Virtual mounts (§7.8 step 2).
     */
    private List<StoredObject> subtree(StoredObject start) {
        List<StoredObject> all = new ArrayList<>();
        all.add(start);
        all.addAll(tx.descendants(start.id()));
        Set<Long> excluded = new HashSet<>();
        List<StoredObject> kept = new ArrayList<>();
        for (StoredObject o : all) {
            if (excluded.contains(o.parentId())) {
                excluded.add(o.id());
            } else if (!o.isRoot()) {
                kept.add(o);
            }
            if (TypeNotes.isVirtual(typePath(o))) {
                excluded.add(o.id());
            }
        }
        return kept;
    }

    private String objpath(StoredObject o) {
        if (o.path().equals(base)) {
            return ".";
        }
        return base.equals("/") ? o.path().substring(1) : o.path().substring(base.length() + 1);
    }

    /** The export form of a reference to {@code id} (§7.3): its objpath inside the export, else its absolute path. */
    private Optional<String> link(long id) {
        String inside = objpaths.get(id);
        return inside != null ? Optional.of(inside) : tx.get(id).map(StoredObject::path);
    }

    private ObjectNode entry(StoredObject o) {
        String typePath = typePath(o);
        newest = o.updated().isAfter(newest) ? o.updated() : newest;
        ObjectNode e = NODES.objectNode();
        e.put("id", o.id());
        e.put("owner", o.owner());
        e.set("fields", fields(o, typePath));
        e.set("user_permissions", encoder.value(o.userPermissions(), false, ""));
        e.set("group_permissions", encoder.value(o.groupPermissions(), false, ""));
        e.put("created", timestamp(o.created()));
        e.put("updated", timestamp(o.updated()));
        if (TypeNotes.isConfig(typePath)) {
            e.set("data", configData(o));
        }
        e.put("display_name", o.displayName());
        e.put("description", o.description());
        e.put("parent_object", link(o.parentId()).orElse("/"));
        e.put("objpath", objpaths.get(o.id()));
        e.put("typepath", link(o.typeId()).orElse(typePath));
        return e;
    }

    /** The stored fields in declaration order, without unset and derived ones; queues as null (§7.5). */
    private ObjectNode fields(StoredObject o, String typePath) {
        ObjectNode fields = NODES.objectNode();
        for (FieldDefinition f : TypeDefinition.of(tx.get(o.typeId()).orElseThrow()).fields()) {
            if (!o.fields().containsKey(f.name()) || TypeNotes.isDerived(typePath, f.name())) {
                continue;
            }
            fields.set(f.name(), TypeNotes.isQueue(typePath, f.name()) ? NODES.nullNode()
                    : encoder.field(o.fields().get(f.name()), f.type(), objpaths.get(o.id()), f.name(), options.blankPasswords()));
        }
        return fields;
    }

    /** A Config's data in stored order, each key encoded by the Config's own declaration (undeclared keys dropped). */
    private ObjectNode configData(StoredObject config) {
        ObjectNode data = NODES.objectNode();
        if (config.fields().get(TypeNotes.CONFIG_DATA) instanceof DictionaryValue stored) {
            TypeDefinition declared = TypeDefinition.of(config);
            for (Map.Entry<Value, Value> e : stored.entries()) {
                String key = Rendering.text(e.getKey());
                declared.field(key).ifPresent(f -> data.set(key,
                        encoder.field(e.getValue(), f.type(), objpaths.get(config.id()), key, options.blankPasswords())));
            }
        }
        return data;
    }

    private String timestamp(Instant instant) {
        return FieldEncoding.datetime(instant.atZone(tree.zone()));
    }

    private String typePath(StoredObject o) {
        return tx.get(o.typeId()).map(StoredObject::path).orElse("");
    }

    private static boolean isAtOrBelow(String path, String base) {
        return path.equals(base) || base.equals("/") || path.startsWith(base + "/");
    }
}
