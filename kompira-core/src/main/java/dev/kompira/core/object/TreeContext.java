package dev.kompira.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.object.types.ConversionContext;
import dev.kompira.core.object.types.FieldType;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Field conversions (objects.md §3.7) over one transaction: paths resolve in the transaction's tree,
 * relative ones from {@code base}; Object values of jobflows count as references. The static
 * forms of the {@code object} and {@code directory} qualifiers are checked, except in the context
 * for imports and initialisation ({@link #trusted}), which objects.md §7.5 exempts.
 * Used by one thread, within its transaction.
 */
public final class TreeContext implements ConversionContext {

    private final Transaction tx;
    private final ZoneId zone;
    private final String base;
    private final boolean checkQualifiers;

    /** Converts within {@code tx}, with {@code zone} for zone-less times, relative paths from {@code base}. */
    public TreeContext(Transaction tx, ZoneId zone, String base) {
        this(tx, zone, base, true);
    }

    private TreeContext(Transaction tx, ZoneId zone, String base, boolean checkQualifiers) {
        this.tx = tx;
        this.zone = zone;
        this.base = base;
        this.checkQualifiers = checkQualifiers;
    }

    /** As the constructor, but object qualifiers are not checked: for imports and the standard tree. */
    public static TreeContext trusted(Transaction tx, ZoneId zone, String base) {
        return new TreeContext(tx, zone, base, false);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Optional<Long> resolveObject(String path) {
        return tx.get(ObjectPaths.resolve(path, base)).map(StoredObject::id);
    }

    @Override
    public Optional<String> objectPath(long id) {
        return tx.get(id).map(StoredObject::path);
    }

    /**
     * Checks the {@code object} and {@code directory} qualifiers (objects.md §3.6) in their static
     * forms: a path (or a list of paths, OR) naming a type object — the target must be an instance —
     * or a container — the target must be a child ({@code object}) or a descendant
     * ({@code directory}); both qualifiers must hold. Entries that name nothing are dropped; dependent,
     * reference and switch forms and {@code ~} homes cannot be resolved here and accept everything.
     */
    @Override
    public Optional<String> objectRestriction(FieldType type, long targetId) {
        Optional<StoredObject> target = tx.get(targetId);
        if (!checkQualifiers || target.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> byObject = check(type.objectQualifier(), target.get(), false);
        return byObject.isPresent() ? byObject : check(type.directoryQualifier(), target.get(), true);
    }

    private Optional<String> check(Optional<JsonNode> qualifier, StoredObject target,
            boolean anyDepth) {
        if (qualifier.isEmpty() || qualifier.get().isNull()) {
            return Optional.empty();
        }
        List<String> paths = new ArrayList<>();
        JsonNode q = qualifier.get();
        if (q.isTextual()) {
            paths.add(q.textValue());
        } else if (q.isArray()) {
            q.forEach(entry -> paths.add(entry.isTextual() ? entry.textValue() : "$"));
        } else {
            return Optional.empty();
        }
        boolean resolvable = false;
        for (String path : paths) {
            if (!path.startsWith("/") || path.contains("[")) {
                return Optional.empty();
            }
            Optional<StoredObject> entry = tx.get(path);
            if (entry.isEmpty()) {
                continue;
            }
            resolvable = true;
            if (accepts(entry.get(), target, anyDepth)) {
                return Optional.empty();
            }
        }
        String rule = (anyDepth ? "directory" : "object") + " " + String.join(", ", paths);
        return Optional.of(target.path() + (resolvable ? " is not allowed by " : " cannot be chosen: nothing matches ") + rule);
    }

    private boolean accepts(StoredObject entry, StoredObject target, boolean anyDepth) {
        Optional<StoredObject> entryType = tx.get(entry.typeId());
        boolean isType = entryType.isPresent() && entryType.get().name().equals("TypeObject");
        if (isType && !anyDepth) {
            return target.typeId() == entry.id();
        }
        if (anyDepth) {
            return target.path().startsWith(entry.isRoot() ? "/" : entry.path() + "/");
        }
        return target.parentId() == entry.id() && !target.isRoot();
    }

    @Override
    public Optional<Long> objectId(Value value) {
        if (value instanceof ObjectValue o) {
            return Optional.of(o.id());
        }
        return ConversionContext.super.objectId(value);
    }
}
