package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.util.Set;

/** The methods of Arrays and Dictionaries (language.md §4.9, §4.10). */
final class CollectionMethods {

    static final Set<String> ARRAY = Set.of("add_item", "del_item", "pop_item");
    static final Set<String> DICTIONARY = Set.of("del_item", "get_item", "pop_item", "get_keys");

    private static final Signature ADD_ITEM = Signature.parse("add_item(value)");
    private static final Signature ARRAY_DEL_ITEM = Signature.parse("del_item(index)");
    private static final Signature ARRAY_POP_ITEM = Signature.parse("pop_item(index=-1)");
    private static final Signature DICT_DEL_ITEM = Signature.parse("del_item(key)");
    private static final Signature GET_ITEM = Signature.parse("get_item(key, default=null)");
    private static final Signature DICT_POP_ITEM = Signature.parse("pop_item(key, default=null)");
    private static final Signature GET_KEYS = Signature.parse("get_keys()");

    private CollectionMethods() {
    }

    static Value callArray(ArrayValue array, String name, Arguments arguments) {
        switch (name) {
            case "add_item": {
                Value value = ADD_ITEM.bind(arguments).get("value");
                array.change(() -> array.items().add(value));
                return NullValue.NULL;
            }
            case "del_item": {
                int index = index(array.size(), ARRAY_DEL_ITEM.bind(arguments).get("index"));
                array.change(() -> array.items().remove(index));
                return NullValue.NULL;
            }
            default: {
                int index = index(array.size(), ARRAY_POP_ITEM.bind(arguments).get("index"));
                return array.change(() -> array.items().remove(index));
            }
        }
    }

    static Value callDictionary(DictionaryValue dict, String name, Arguments arguments) {
        switch (name) {
            case "del_item": {
                Value key = DICT_DEL_ITEM.bind(arguments).get("key");
                if (!dict.containsKey(key)) {
                    throw missing(key);
                }
                dict.change(() -> dict.remove(key));
                return NullValue.NULL;
            }
            case "get_item": {
                Signature.Bound bound = GET_ITEM.bind(arguments);
                Value v = dict.get(bound.get("key"));
                return v == null ? bound.get("default") : v;
            }
            case "pop_item": {
                Signature.Bound bound = DICT_POP_ITEM.bind(arguments);
                Value key = bound.get("key");
                if (dict.containsKey(key)) {
                    return dict.change(() -> dict.remove(key));
                }
                if (arguments.positional().size() + arguments.keywords().size() < 2) {
                    throw missing(bound.get("key"));
                }
                return bound.get("default");
            }
            default:
                GET_KEYS.bind(arguments);
                return new ArrayValue(dict.keys());
        }
    }

    private static JobflowError missing(Value key) {
        return new JobflowError(ErrorCode.R_KEY, "key not found: " + Rendering.nested(key));
    }

    /** Normalises an index into a sequence of {@code length} elements (negative counts from the end). */
    static int index(int length, Value index) {
        if (!(index instanceof IntegerValue i)) {
            throw new JobflowError(ErrorCode.R_TYPE, "expected Integer, got " + index.typeName());
        }
        long n = i.fitsLong() ? i.longValue() : Long.MAX_VALUE;
        long normalised = n < 0 ? n + length : n;
        if (!i.fitsLong() || normalised < 0 || normalised >= length) {
            throw new JobflowError(ErrorCode.R_INDEX, "index " + i + " out of range (length " + length + ")");
        }
        return (int) normalised;
    }
}
