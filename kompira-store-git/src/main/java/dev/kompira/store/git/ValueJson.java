package dev.kompira.store.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.Value;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Stored field values as JSON that reads well in a diff: Strings, numbers, Booleans, null, Arrays
 * and Dictionaries as themselves; the other kinds as one-key objects tagged with {@code $}:
 * {@code {"$ref": "/ops/deploy"}} (a reference by path, or by id when its target is gone),
 * {@code {"$binary": base64}}, {@code {"$datetime": ...}}, {@code {"$date": ...}},
 * {@code {"$time": ...}}, {@code {"$file": {"name": ..., "data": base64}}},
 * {@code {"$float": "NaN"}}; a Dictionary with a key starting with {@code $} is wrapped as
 * {@code {"$dict": {...}}}. Floats always show a decimal point or an exponent, Integers never.
 * Stateless and thread-safe.
 */
final class ValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() {
    }

    /** Encodes {@code v}; {@code pathOf} gives the path of a referenced object, or null when it is gone. */
    static JsonNode encode(Value v, LongFunction<String> pathOf) {
        if (v == null || v instanceof NullValue) {
            return NODES.nullNode();
        }
        if (v instanceof StringValue s) {
            return NODES.textNode(s.value());
        }
        if (v instanceof BooleanValue) {
            return NODES.booleanNode(v.truthy());
        }
        if (v instanceof IntegerValue i) {
            return i.fitsLong() ? NODES.numberNode(i.longValue()) : NODES.numberNode(i.bigValue());
        }
        if (v instanceof FloatValue f) {
            return Double.isFinite(f.value()) ? NODES.numberNode(f.value()) : tagged("$float", NODES.textNode(Double.toString(f.value())));
        }
        if (v instanceof ObjectRef ref) {
            String path = pathOf.apply(ref.id());
            return tagged("$ref", path == null ? NODES.numberNode(ref.id()) : NODES.textNode(path));
        }
        if (v instanceof ArrayValue a) {
            ArrayNode array = NODES.arrayNode();
            a.items().forEach(item -> array.add(encode(item, pathOf)));
            return array;
        }
        if (v instanceof DictionaryValue d) {
            ObjectNode object = NODES.objectNode();
            boolean wrap = false;
            for (Map.Entry<Value, Value> e : d.entries()) {
                String key = Rendering.text(e.getKey());
                wrap |= key.startsWith("$");
                object.set(key, encode(e.getValue(), pathOf));
            }
            return wrap ? tagged("$dict", object) : object;
        }
        return encodeScalar(v);
    }

    private static JsonNode encodeScalar(Value v) {
        if (v instanceof BinaryValue b) {
            return tagged("$binary", NODES.textNode(Base64.getEncoder().encodeToString(b.bytes())));
        }
        if (v instanceof DatetimeValue d) {
            return tagged("$datetime", NODES.textNode(d.value().toString()));
        }
        if (v instanceof DateValue d) {
            return tagged("$date", NODES.textNode(d.value().toString()));
        }
        if (v instanceof TimeValue t) {
            return tagged("$time", NODES.textNode(t.value().toString()));
        }
        if (v instanceof FileValue f) {
            ObjectNode file = NODES.objectNode();
            file.put("name", f.name());
            file.put("data", Base64.getEncoder().encodeToString(f.data().bytes()));
            return tagged("$file", file);
        }
        throw new IllegalArgumentException("a " + v.typeName() + " value cannot be stored in a field");
    }

    /**
     * Decodes what {@link #encode} wrote; {@code idOf} gives the id of the object at a path (or
     * throws when there is none).
     *
     * @throws IllegalArgumentException when {@code node} is not a valid encoding, saying why
     */
    static Value decode(JsonNode node, ToLongFunction<String> idOf) {
        if (node == null || node.isNull()) {
            return NullValue.NULL;
        }
        if (node.isTextual()) {
            return StringValue.of(node.textValue());
        }
        if (node.isBoolean()) {
            return BooleanValue.of(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? IntegerValue.of(node.longValue()) : IntegerValue.of(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return new FloatValue(node.doubleValue());
        }
        if (node.isArray()) {
            ArrayValue array = new ArrayValue();
            node.forEach(item -> array.items().add(decode(item, idOf)));
            return array;
        }
        if (node.size() == 1 && node.fieldNames().next().startsWith("$")) {
            return decodeTagged(node.fieldNames().next(), node.elements().next(), idOf);
        }
        return dictionary(node, idOf);
    }

    private static Value decodeTagged(String tag, JsonNode value, ToLongFunction<String> idOf) {
        try {
            switch (tag) {
                case "$ref":
                    return new ObjectRef(value.isNumber() ? value.longValue() : idOf.applyAsLong(value.asText()));
                case "$dict":
                    return dictionary(value, idOf);
                case "$binary":
                    return BinaryValue.of(Base64.getDecoder().decode(value.asText()));
                case "$datetime":
                    return new DatetimeValue(ZonedDateTime.parse(value.asText()));
                case "$date":
                    return new DateValue(LocalDate.parse(value.asText()));
                case "$time":
                    return new TimeValue(LocalTime.parse(value.asText()));
                case "$float":
                    return new FloatValue(Double.parseDouble(value.asText()));
                case "$file":
                    return new FileValue(value.path("name").asText(), BinaryValue.of(Base64.getDecoder().decode(value.path("data").asText())));
                default:
                    throw new IllegalArgumentException("unknown tag " + tag + " (a Dictionary with keys starting with $ is written {\"$dict\": {...}})");
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(tag + " " + value + ": " + e.getMessage(), e);
        }
    }

    private static DictionaryValue dictionary(JsonNode node, ToLongFunction<String> idOf) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + node);
        }
        DictionaryValue d = new DictionaryValue();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            d.put(e.getKey(), decode(e.getValue(), idOf));
        }
        return d;
    }

    private static ObjectNode tagged(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(tag, value);
        return node;
    }
}
