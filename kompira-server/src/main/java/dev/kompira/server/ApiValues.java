package dev.kompira.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kompira.core.json.ValueJson;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.ExternalValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.Materializable;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Value;

/**
 * Jobflow values in the API: the values' one JSON form (the form of the Git store and of process
 * snapshots), objects of the tree as {@code {"$ref": "/path"}} as the Git store writes them, and the
 * values that only make sense inside the engine (channels, processes, functions) as
 * {@code {"$value": {"type": ..., "text": ...}}}. Requests give plain JSON values (and the tagged forms
 * of {@link ValueJson}); references cannot be given. Stateless and thread-safe.
 */
final class ApiValues {

    private static final ValueJson CODEC = new ValueJson(new ForApi());

    private ApiValues() {
    }

    /** Returns {@code v} as JSON. */
    static JsonNode encode(Value v) {
        return CODEC.encode(v);
    }

    /**
     * Returns the value {@code node} gives.
     *
     * @throws IllegalArgumentException when it is not a valid encoding, saying why
     */
    static Value decode(JsonNode node) {
        return CODEC.decode(node);
    }

    private static final class ForApi implements ValueJson.References {

        @Override
        public JsonNode encode(Value v, ValueJson codec) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            if (v instanceof ObjectValue o) {
                return nodes.objectNode().put("$ref", o.text());
            }
            if (v instanceof Materializable lazy) {
                return codec.encode(lazy.materialize());
            }
            if (v instanceof MethodValue || v instanceof ExternalValue && !(v instanceof FileValue)) {
                return nodes.objectNode().set("$value", nodes.objectNode().put("type", v.typeName()).put("text", Rendering.text(v)));
            }
            return null;
        }

        @Override
        public Value decode(String tag, JsonNode body, ValueJson codec) {
            return null;
        }
    }
}
