package dev.kompira.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kompira.core.json.ValueJson;
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

/**
 * Jobflow values as the worker's JSON, both ways (objects.md §4.6): the values' one JSON form
 * ({@link ValueJson}), which the worker's {@code encode}/{@code decode} read and write as Python's
 * int, float, str, bool, None, list, dict, bytes and {@code datetime} types. An Object goes as its
 * path string, a LazyArray as the list of its elements; a Pattern, File, Process, Channel or Method
 * cannot be passed. Stateless and thread-safe.
 */
final class PythonValues {

    private static final ValueJson CODEC = new ValueJson(new ForPython());

    private PythonValues() {
    }

    /**
     * Returns {@code v} as JSON for the worker.
     *
     * @throws IllegalArgumentException when {@code v} holds a value Python cannot receive
     */
    static JsonNode toJson(Value v) {
        return CODEC.encode(v);
    }

    /** Returns the jobflow value of the worker's JSON {@code json}. */
    static Value fromJson(JsonNode json) {
        return CODEC.decode(json);
    }

    /** What reaches Python differently from the common form, and what does not reach it at all. */
    private static final class ForPython implements ValueJson.References {

        @Override
        public JsonNode encode(Value v, ValueJson codec) {
            if (v instanceof ObjectValue o) {
                return JsonNodeFactory.instance.textNode(o.text());
            }
            if (v instanceof Materializable lazy) {
                return codec.encode(lazy.materialize());
            }
            if (!passable(v)) {
                throw new IllegalArgumentException("a " + v.typeName() + " value cannot be passed to a Python function");
            }
            return null;
        }

        private static boolean passable(Value v) {
            return v instanceof NullValue || v instanceof BooleanValue || v instanceof IntegerValue || v instanceof FloatValue
                    || v instanceof StringValue || v instanceof ArrayValue || v instanceof DictionaryValue
                    || v instanceof BinaryValue || v instanceof DatetimeValue || v instanceof DateValue
                    || v instanceof TimeValue || v instanceof TimedeltaValue;
        }

        @Override
        public Value decode(String tag, JsonNode body, ValueJson codec) {
            return null;
        }
    }
}
