package dev.kompira.core.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluated arguments of a call: positional values in order and keyword values by name (in the
 * order written). {@code *args} and {@code **kwargs} have already been spread into them.
 *
 * @param positional the positional arguments
 * @param keywords   the keyword arguments
 */
public record Arguments(List<Value> positional, Map<String, Value> keywords) {

    /** No arguments. */
    public static final Arguments NONE = new Arguments(List.of(), Map.of());

    /** Copies the components. */
    public Arguments {
        positional = List.copyOf(positional);
        keywords = keywords.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** Returns positional arguments only. */
    public static Arguments of(Value... positional) {
        return new Arguments(List.of(positional), Map.of());
    }

    /** Returns whether there are no arguments at all. */
    public boolean isEmpty() {
        return positional.isEmpty() && keywords.isEmpty();
    }
}
