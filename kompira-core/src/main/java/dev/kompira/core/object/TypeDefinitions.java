package dev.kompira.core.object;

import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.StoredObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The field definitions of a tree's types, parsed once per version of each type object and shared by
 * the tree's reads and its write transactions: every write ends the tree's other caches (J70), and
 * parsing a definition again after each one made parsing the main cost of a busy channel's writes.
 * A definition is reused while its type object is unchanged, whatever was written elsewhere.
 *
 * <p>Thread-safe.
 */
final class TypeDefinitions {

    /** A definition and the version of the type object it was parsed from. */
    private record Parsed(StoredObject source, TypeDefinition definition) {
    }

    private final Map<Long, Parsed> parsed = new ConcurrentHashMap<>();

    /** Returns the definition declared by {@code typeObject}, parsed again only if it changed. */
    TypeDefinition of(StoredObject typeObject) {
        Parsed known = parsed.get(typeObject.id());
        if (known != null && (known.source() == typeObject || known.source().equals(typeObject))) {
            return known.definition();
        }
        TypeDefinition definition = TypeDefinition.of(typeObject);
        parsed.put(typeObject.id(), new Parsed(typeObject, definition));
        return definition;
    }
}
