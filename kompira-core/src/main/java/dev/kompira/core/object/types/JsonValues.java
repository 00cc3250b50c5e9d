package dev.kompira.core.object.types;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.Internal;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON written in declarations and in the standard tree's data, read as the jobflow values a flow
 * would write (objects.md §3.6 {@code default}): strings, Integers (unbounded), Floats, Booleans,
 * null, Arrays and Dictionaries with String keys. Each call builds new containers. Stateless.
 */
@Internal
public final class JsonValues {

    private JsonValues() {
    }

    /** Returns the value of {@code node}. */
    public static Value toValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL;
        } else if (node.isBoolean()) {
            return BooleanValue.of(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            return IntegerValue.of(node.bigIntegerValue());
        } else if (node.isNumber()) {
            return new FloatValue(node.doubleValue());
        } else if (node.isArray()) {
            ArrayValue array = new ArrayValue();
            for (JsonNode item : node) {
                array.items().add(toValue(item));
            }
            return array;
        } else if (node.isObject()) {
            DictionaryValue dictionary = new DictionaryValue();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                dictionary.put(entry.getKey(), toValue(entry.getValue()));
            }
            return dictionary;
        }
        return StringValue.of(node.asText());
    }
}
