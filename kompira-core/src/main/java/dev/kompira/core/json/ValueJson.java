package dev.kompira.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON form of jobflow values, made to read well in a diff: Strings, numbers, Booleans,
 * null, Arrays and Dictionaries with String keys as themselves; everything else as a one-key object
 * tagged with {@code $}: {@code {"$binary": base64}}, {@code {"$datetime": ...}}, {@code {"$date": ...}},
 * {@code {"$time": ...}}, {@code {"$timedelta": {"days": d, "micros": m}}},
 * {@code {"$pattern": {"kind": "r", "text": ..., "i": false}}}, {@code {"$file": {"name": ..., "data": base64}}},
 * {@code {"$float": "NaN"}}; a Dictionary with a key starting with {@code $} is wrapped as
 * {@code {"$dict": {...}}}, one with other keys than Strings is {@code {"$entries": [[key, value], ...]}}.
 * Floats always show a decimal point or an exponent, Integers never.
 *
 * <p>Values that point outside themselves — objects of the tree, channels, shared containers — are
 * written by the {@link References} of whoever stores them: the Git store writes object references
 * by path, a process snapshot numbers its containers and names its channels. Immutable and thread-safe
 * when its references are.
 */
public final class ValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final References references;

    /** What the codec leaves to its user: the values that refer to something outside the value. */
    public interface References {

        /**
         * Returns the JSON of {@code v} when it is a reference this user writes, else Java null (the
         * codec then writes it itself). Asked first, for every value.
         */
        JsonNode encode(Value v, ValueJson codec);

        /** Returns the value written under {@code tag}, or Java null when the tag is not this user's. */
        Value decode(String tag, JsonNode body, ValueJson codec);
    }

    /** A codec that writes references with {@code references}. */
    public ValueJson(References references) {
        this.references = references;
    }

    /**
     * Returns {@code v} as JSON.
     *
     * @throws IllegalArgumentException when {@code v} is of a kind this form cannot hold (a Process)
     */
    public JsonNode encode(Value v) {
        if (v == null || v instanceof NullValue) {
            return NODES.nullNode();
        }
        JsonNode reference = references.encode(v, this);
        if (reference != null) {
            return reference;
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
        if (v instanceof ArrayValue a) {
            ArrayNode array = NODES.arrayNode();
            a.items().forEach(item -> array.add(encode(item)));
            return array;
        }
        if (v instanceof DictionaryValue d) {
            return dictionary(d);
        }
        return scalar(v);
    }

    private JsonNode dictionary(DictionaryValue d) {
        boolean stringKeys = true;
        boolean wrap = false;
        for (Map.Entry<Value, Value> e : d.entries()) {
            stringKeys &= e.getKey() instanceof StringValue;
            wrap |= e.getKey() instanceof StringValue s && s.value().startsWith("$");
        }
        if (!stringKeys) {
            ArrayNode entries = NODES.arrayNode();
            d.entries().forEach(e -> entries.add(NODES.arrayNode().add(encode(e.getKey())).add(encode(e.getValue()))));
            return tagged("$entries", entries);
        }
        ObjectNode object = NODES.objectNode();
        d.entries().forEach(e -> object.set(((StringValue) e.getKey()).value(), encode(e.getValue())));
        return wrap ? tagged("$dict", object) : object;
    }

    private static JsonNode scalar(Value v) {
        if (v instanceof BinaryValue b) {
            return tagged("$binary", NODES.textNode(base64(b)));
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
        if (v instanceof TimedeltaValue t) {
            return tagged("$timedelta", NODES.objectNode().put("days", t.days()).put("micros", t.microsOfDay()));
        }
        if (v instanceof PatternValue p) {
            return tagged("$pattern", NODES.objectNode().put("kind", String.valueOf(p.kind().prefix())).put("text", p.text())
                    .put("i", p.ignoreCase()));
        }
        if (v instanceof FileValue f) {
            return tagged("$file", NODES.objectNode().put("name", f.name()).put("data", base64(f.data())));
        }
        throw new IllegalArgumentException("cannot save a " + v.typeName() + " value");
    }

    /**
     * Returns the value {@link #encode} wrote as {@code node}.
     *
     * @throws IllegalArgumentException when {@code node} is not a valid encoding, saying why
     */
    public Value decode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
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
            node.forEach(item -> array.items().add(decode(item)));
            return array;
        }
        if (node.size() == 1 && node.fieldNames().next().startsWith("$")) {
            return decodeTagged(node.fieldNames().next(), node.elements().next());
        }
        return dictionary(node);
    }

    private Value decodeTagged(String tag, JsonNode value) {
        Value reference = references.decode(tag, value, this);
        if (reference != null) {
            return reference;
        }
        try {
            switch (tag) {
                case "$dict":
                    return dictionary(value);
                case "$entries":
                    DictionaryValue d = new DictionaryValue();
                    value.forEach(pair -> d.put(decode(pair.get(0)), decode(pair.get(1))));
                    return d;
                case "$binary":
                    return BinaryValue.of(Base64.getDecoder().decode(value.asText()));
                case "$datetime":
                    return new DatetimeValue(ZonedDateTime.parse(value.asText()));
                case "$date":
                    return new DateValue(LocalDate.parse(value.asText()));
                case "$time":
                    return new TimeValue(LocalTime.parse(value.asText()));
                case "$timedelta":
                    return new TimedeltaValue(value.path("days").asLong(), value.path("micros").asLong());
                case "$pattern":
                    return PatternValue.of(PatternKind.ofPrefix(value.path("kind").asText().charAt(0)), value.path("text").asText(),
                            value.path("i").asBoolean());
                case "$float":
                    return new FloatValue(Double.parseDouble(value.asText()));
                case "$file":
                    return new FileValue(value.path("name").asText(), BinaryValue.of(Base64.getDecoder().decode(value.path("data").asText())));
                default:
                    throw new IllegalArgumentException("unknown tag " + tag
                            + " (a Dictionary with keys starting with $ is written {\"$dict\": {...}})");
            }
        } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(tag + " " + value + ": " + e.getMessage(), e);
        }
    }

    private DictionaryValue dictionary(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + node);
        }
        DictionaryValue d = new DictionaryValue();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            d.put(e.getKey(), decode(e.getValue()));
        }
        return d;
    }

    private static String base64(BinaryValue b) {
        return Base64.getEncoder().encodeToString(b.bytes());
    }

    private static ObjectNode tagged(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(tag, value);
        return node;
    }
}
