package dev.kompira.core.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.StoredObject;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A type's definition is parsed once per version of its type object. */
class TypeDefinitionsTest {

    private final ObjectTree tree = ObjectTree.initialisedOnFirstUse(new MemoryStore(), ZoneId.of("UTC"));
    private final TypeDefinitions definitions = new TypeDefinitions();

    @Test
    void anUnchangedTypeObjectKeepsItsDefinitionAndAChangedOneIsParsedAgain() {
        StoredObject channel = tree.get("/system/types/Channel").orElseThrow();
        TypeDefinition first = definitions.of(channel);
        assertSame(first, definitions.of(channel));
        assertSame(first, definitions.of(copy(channel, channel.fields())), "an equal copy read by another transaction");

        Map<String, dev.kompira.core.value.Value> changed = new HashMap<>(channel.fields());
        changed.remove(changed.keySet().iterator().next());
        TypeDefinition reparsed = definitions.of(copy(channel, changed));
        assertNotSame(first, reparsed);
        assertEquals(TypeDefinition.of(copy(channel, changed)).fields(), reparsed.fields());
    }

    private static StoredObject copy(StoredObject o, Map<String, dev.kompira.core.value.Value> fields) {
        return new StoredObject(o.id(), o.parentId(), o.name(), o.path(), o.typeId(), o.displayName(), o.description(),
                o.owner(), o.created(), o.updated(), o.userPermissions(), o.groupPermissions(), fields);
    }
}
