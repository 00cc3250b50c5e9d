package dev.kompira.store.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.json.ValueJson;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.Value;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Stored field values in the files of the repository: the values' one JSON form ({@link ValueJson}),
 * with references to other objects written by path, {@code {"$ref": "/ops/deploy"}}, so that a
 * reviewer reads where they point (by id when the target is gone). Stateless and thread-safe.
 */
final class StoredValues {

    private StoredValues() {
    }

    /** Encodes {@code v}; {@code pathOf} gives the path of a referenced object, or null when it is gone. */
    static JsonNode encode(Value v, LongFunction<String> pathOf) {
        return new ValueJson(new ByPath(pathOf, null)).encode(v);
    }

    /**
     * Decodes what {@link #encode} wrote; {@code idOf} gives the id of the object at a path (or
     * throws when there is none).
     *
     * @throws IllegalArgumentException when {@code node} is not a valid encoding, saying why
     */
    static Value decode(JsonNode node, ToLongFunction<String> idOf) {
        return new ValueJson(new ByPath(null, idOf)).decode(node);
    }

    /** Object references by path. */
    private record ByPath(LongFunction<String> pathOf, ToLongFunction<String> idOf) implements ValueJson.References {

        @Override
        public JsonNode encode(Value v, ValueJson codec) {
            if (!(v instanceof ObjectRef ref)) {
                return null;
            }
            String path = pathOf.apply(ref.id());
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            return path == null ? node.put("$ref", ref.id()) : node.put("$ref", path);
        }

        @Override
        public Value decode(String tag, JsonNode body, ValueJson codec) {
            if (!tag.equals("$ref")) {
                return null;
            }
            return new ObjectRef(body.isNumber() ? body.longValue() : idOf.applyAsLong(body.asText()));
        }
    }
}
