package dev.kompira.core.store;

import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Value;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one object of the tree as a store holds it (objects.md §1–§2): identity, place,
 * type, the common properties the store keeps, and the stored field values. A field absent from
 * {@link #fields()} is <em>unset</em> (§2.6); a field mapped to {@code null} was cleared.
 *
 * <p>Immutable by contract: the store hands out snapshots and never changes them; callers must not
 * change the Arrays and Dictionaries inside {@code fields} or the permission Dictionaries (copy them
 * with {@link dev.kompira.core.value.Copies} first).
 *
 * @param id               unique, never reused; survives rename and move
 * @param parentId         the parent container's id (the root's is its own)
 * @param name             the last path element ({@code ""} for the root)
 * @param path             the absolute path ({@code /} for the root)
 * @param typeId           the id of the object's TypeObject
 * @param displayName      free-text label
 * @param description      free-text description
 * @param owner            the owning user's name
 * @param created          creation time
 * @param updated          last modification time
 * @param userPermissions  {@code {user: {readable, writable, executable}}}
 * @param groupPermissions {@code {group: {readable, writable, executable, priority}}}
 * @param fields           stored field values by name (unset fields are absent)
 */
public record StoredObject(long id, long parentId, String name, String path, long typeId, String displayName,
        String description, String owner, Instant created, Instant updated, DictionaryValue userPermissions,
        DictionaryValue groupPermissions, Map<String, Value> fields) {

    /** Checks the components and freezes the field map. */
    public StoredObject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(userPermissions, "userPermissions");
        Objects.requireNonNull(groupPermissions, "groupPermissions");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** Returns whether this is the root directory. */
    public boolean isRoot() {
        return parentId == id;
    }
}
