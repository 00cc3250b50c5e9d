package dev.kompira.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.object.types.ConversionContext;
import dev.kompira.core.object.types.FieldType;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Field conversions (objects.md §3.7) over one transaction: paths resolve in the transaction's tree,
 * relative ones from {@code base}; Object values of jobflows count as references. The
 * {@code object}, {@code directory} and {@code enum} qualifiers are resolved in the transaction's
 * tree ({@link QualifierResolver}); imports and initialisation ({@link #trusted}) skip the object
 * qualifiers, as objects.md §7.5 says.
 * Used by one thread, within its transaction.
 */
public final class TreeContext implements ConversionContext {

    private final Transaction tx;
    private final ZoneId zone;
    private final String base;
    private final boolean checkQualifiers;
    private final QualifierResolver.WriteSubject subject;

    /** Converts within {@code tx}, with {@code zone} for zone-less times, relative paths from {@code base}. */
    public TreeContext(Transaction tx, ZoneId zone, String base) {
        this(tx, zone, base, true, null);
    }

    private TreeContext(Transaction tx, ZoneId zone, String base, boolean checkQualifiers,
            QualifierResolver.WriteSubject subject) {
        this.tx = tx;
        this.zone = zone;
        this.base = base;
        this.checkQualifiers = checkQualifiers;
        this.subject = subject;
    }

    /** As the constructor, but object qualifiers are not checked: for imports and the standard tree. */
    public static TreeContext trusted(Transaction tx, ZoneId zone, String base) {
        return new TreeContext(tx, zone, base, false, null);
    }

    /**
     * As the constructor, for a write of {@code given} into the fields of object {@code id}: the
     * dependent qualifier forms ({@code $[field]}) read the other fields as this write leaves them.
     */
    static TreeContext writing(Transaction tx, ZoneId zone, String base, long id, Map<String, Value> given) {
        return new TreeContext(tx, zone, base, true, new QualifierResolver.WriteSubject(id, Map.copyOf(given)));
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
     * Checks the {@code object} and {@code directory} qualifiers (objects.md §3.6): each names type
     * objects — the target must be an instance — or containers — the target must be a child
     * ({@code object}) or a descendant ({@code directory}); entries of one qualifier are
     * alternatives, both qualifiers must hold. Entries that name nothing are dropped (with none
     * left, nothing is acceptable); a qualifier that cannot be resolved accepts everything.
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

    private Optional<String> check(Optional<JsonNode> qualifier, StoredObject target, boolean anyDepth) {
        if (qualifier.isEmpty() || qualifier.get().isNull()) {
            return Optional.empty();
        }
        Optional<List<StoredObject>> entries = resolver().containersOrTypes(qualifier.get());
        if (entries.isEmpty() || entries.get().stream().anyMatch(entry -> accepts(entry, target, anyDepth))) {
            return Optional.empty();
        }
        String rule = (anyDepth ? "directory " : "object ") + (qualifier.get().isTextual() ? qualifier.get().textValue() : qualifier.get());
        return Optional.of(target.path() + (entries.get().isEmpty() ? " cannot be chosen: nothing matches " : " is not allowed by ")
                + rule);
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

    /** Resolves reference, dependent and switch forms of {@code enum} (§3.6); empty when they cannot be resolved. */
    @Override
    public Optional<List<String>> resolveEnum(FieldType type) {
        return type.enumQualifier().flatMap(q -> resolver().enumValues(q));
    }

    private QualifierResolver resolver() {
        return new QualifierResolver(tx, this, subject);
    }

    @Override
    public Optional<Long> objectId(Value value) {
        if (value instanceof ObjectValue o) {
            return Optional.of(o.id());
        }
        return ConversionContext.super.objectId(value);
    }
}
