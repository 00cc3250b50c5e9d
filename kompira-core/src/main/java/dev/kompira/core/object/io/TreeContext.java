package dev.kompira.core.object.io;

import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.types.ConversionContext;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The conversion context of an import: the transaction's tree, paths relative to {@code base}.
 * Object qualifiers are not checked (the interface's default), as objects.md §7.5 asks of imports.
 */
final class TreeContext implements ConversionContext {

    private final Transaction tx;
    private final ZoneId zone;
    private final String base;

    TreeContext(Transaction tx, ZoneId zone, String base) {
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
}
