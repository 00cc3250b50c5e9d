package dev.kompira.core.store;

/**
 * What one write did to one object: {@code before} is null for an object it created, {@code after}
 * null for one it deleted; both are set for one it changed (fields, properties, place).
 *
 * @param before the object as the write found it, or null
 * @param after  the object as the write leaves it, or null
 */
public record StoreChange(StoredObject before, StoredObject after) {

    /** Checks that one side at least is set. */
    public StoreChange {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs an object before or after");
        }
    }
}
