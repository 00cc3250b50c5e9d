package dev.kompira.core.object;

import dev.kompira.core.object.types.ConversionContext;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Field conversions (objects.md §3.7) over one transaction: paths resolve in the transaction's tree,
 * relative ones from {@code base}; Object values of jobflows count as references. Object
 * qualifiers are not checked (the interface's default), which is also what imports need (§7.5).
 * Used by one thread, within its transaction.
 */
public final class TreeContext implements ConversionContext {

    private final Transaction tx;
    private final ZoneId zone;
    private final String base;

    /** Converts within {@code tx}, with {@code zone} for zone-less times, relative paths from {@code base}. */
    public TreeContext(Transaction tx, ZoneId zone, String base) {
        this.tx = tx;
        this.zone = zone;
        this.base = base;
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

    @Override
    public Optional<Long> objectId(dev.kompira.core.value.Value value) {
        if (value instanceof ObjectValue o) {
            return Optional.of(o.id());
        }
        return ConversionContext.super.objectId(value);
    }
}
