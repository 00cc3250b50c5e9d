package dev.kompira.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Materializable;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * Jobflow values as the worker's JSON, both ways (objects.md §4.6): Integer↔int, Float↔float,
 * String↔str, Boolean↔bool, null↔None, Array↔list, Dictionary↔dict, Binary↔bytes,
 * Datetime/Date/Time/Timedelta↔{@code datetime} types; an Object goes as its path string. What JSON
 * has no form for travels as an object tagged {@code "$t"} — every dict too, so that its keys keep
 * their types and no tag can be mistaken for data. The worker's {@code encode}/{@code decode} are the
 * other half. Stateless.
 */
final class PythonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The forms Python's {@code fromisoformat} reads in every version from 3.7: microseconds, offset with a colon. */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private PythonValues() {
    }

    /** Returns {@code v} as JSON for the worker. */
    static JsonNode toJson(Value v) {
        if (v instanceof NullValue) {
            return NODES.nullNode();
        }
        if (v instanceof BooleanValue b) {
            return NODES.booleanNode(b.truthy());
        }
        if (v instanceof IntegerValue i) {
            return i.fitsLong() ? NODES.numberNode(i.longValue()) : NODES.numberNode(i.bigValue());
        }
        if (v instanceof FloatValue f) {
            return Double.isFinite(f.value()) ? NODES.numberNode(f.value())
                    : tagged("float", NODES.textNode(Double.isNaN(f.value()) ? "nan" : f.value() > 0 ? "inf" : "-inf"));
        }
        if (v instanceof StringValue s) {
            return NODES.textNode(s.value());
        }
        if (v instanceof ArrayValue a) {
            return list(a.snapshot());
        }
        if (v instanceof Materializable lazy) {
            return list(lazy.materialize().snapshot());
        }
        if (v instanceof DictionaryValue d) {
            ArrayNode items = NODES.arrayNode();
            for (Map.Entry<Value, Value> e : d.entries()) {
                items.add(NODES.arrayNode().add(toJson(e.getKey())).add(toJson(e.getValue())));
            }
            return tagged("dict", items);
        }
        if (v instanceof BinaryValue b) {
            return tagged("bytes", NODES.textNode(Base64.getEncoder().encodeToString(b.bytes())));
        }
        if (v instanceof DatetimeValue d) {
            return tagged("datetime", NODES.textNode(DATETIME.format(d.value())));
        }
        if (v instanceof DateValue d) {
            return tagged("date", NODES.textNode(d.value().toString()));
        }
        if (v instanceof TimeValue t) {
            return tagged("time", NODES.textNode(TIME.format(t.value())));
        }
        if (v instanceof TimedeltaValue t) {
            ObjectNode node = tagged("timedelta", null);
            return node.put("days", t.days()).put("micros", t.microsOfDay());
        }
        if (v instanceof ObjectValue o) {
            return NODES.textNode(o.text());
        }
        throw new IllegalArgumentException("a " + v.typeName() + " value cannot be passed to a Python function");
    }

    private static ArrayNode list(Iterable<Value> items) {
        ArrayNode list = NODES.arrayNode();
        items.forEach(item -> list.add(toJson(item)));
        return list;
    }

    private static ObjectNode tagged(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode().put("$t", tag);
        if (value != null) {
            node.set("v", value);
        }
        return node;
    }

    /** Returns the jobflow value of the worker's JSON {@code json}. */
    static Value fromJson(JsonNode json) {
        switch (json.getNodeType()) {
            case NULL:
                return NullValue.NULL;
            case BOOLEAN:
                return BooleanValue.of(json.booleanValue());
            case NUMBER:
                if (json.isIntegralNumber()) {
                    return json.canConvertToLong() ? IntegerValue.of(json.longValue()) : IntegerValue.of(json.bigIntegerValue());
                }
                return new FloatValue(json.doubleValue());
            case STRING:
                return StringValue.of(json.textValue());
            case ARRAY:
                ArrayValue array = new ArrayValue();
                json.forEach(item -> array.items().add(fromJson(item)));
                return array;
            case OBJECT:
                return fromTagged(json);
            default:
                throw new IllegalArgumentException("the worker sent a " + json.getNodeType() + " value");
        }
    }

    private static Value fromTagged(JsonNode json) {
        JsonNode v = json.path("v");
        switch (json.path("$t").asText()) {
            case "dict":
                DictionaryValue dict = new DictionaryValue();
                v.forEach(pair -> dict.put(fromJson(pair.get(0)), fromJson(pair.get(1))));
                return dict;
            case "bytes":
                return BinaryValue.of(Base64.getDecoder().decode(v.asText()));
            case "float":
                return new FloatValue(Double.parseDouble(v.asText().replace("inf", "Infinity").replace("nan", "NaN")));
            case "datetime":
                return new DatetimeValue(OffsetDateTime.parse(v.asText()).toZonedDateTime());
            case "date":
                return new DateValue(LocalDate.parse(v.asText()));
            case "time":
                return new TimeValue(LocalTime.parse(v.asText()));
            case "timedelta":
                return new TimedeltaValue(json.path("days").asLong(), json.path("micros").asLong());
            default:
                throw new IllegalArgumentException("the worker sent an unknown value tag: " + json);
        }
    }
}
