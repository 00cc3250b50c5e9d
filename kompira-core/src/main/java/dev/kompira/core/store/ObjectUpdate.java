package dev.kompira.core.store;

import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A change of one object's fields and writable properties, applied atomically by
 * {@link Transaction#update}. Fields in {@code set} get the value (already converted and validated
 * by the object layer; {@code null} clears the field), fields in {@code unset} become unset; a
 * property left {@code null} is unchanged. Name and place change through {@link Transaction#move}.
 *
 * @param set              fields to write
 * @param unset            fields to make unset
 * @param displayName      new display name, or null
 * @param description      new description, or null
 * @param owner            new owner, or null
 * @param userPermissions  new user permissions, or null
 * @param groupPermissions new group permissions, or null
 * @param touch            whether {@code updated} becomes now (false when only invisible fields change, §2.6)
 */
public record ObjectUpdate(Map<String, Value> set, Set<String> unset, String displayName, String description,
        String owner, DictionaryValue userPermissions, DictionaryValue groupPermissions, boolean touch) {

    /** Copies the components. */
    public ObjectUpdate {
        set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
        unset = Set.copyOf(unset);
    }

    /** Returns the update that writes {@code fields} and touches {@code updated}. */
    public static ObjectUpdate fields(Map<String, Value> fields) {
        return new ObjectUpdate(fields, Set.of(), null, null, null, null, null, true);
    }
}
