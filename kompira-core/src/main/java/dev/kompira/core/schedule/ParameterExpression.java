package dev.kompira.core.schedule;

import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The jobflow expression that reproduces a value (objects.md §5.4): what {@code /scheduler.add} stores
 * as a schedule's parameter, {@code 'abc'} for the String abc, {@code 5} for 5, an Object as its path.
 * Stateless.
 */
final class ParameterExpression {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ParameterExpression() {
    }

    /** Returns the expression of {@code v}, empty when no literal reproduces it (a Datetime, a Process...). */
    static Optional<String> of(Value v) {
        if (v instanceof StringValue s) {
            return Optional.of(Rendering.quoted(s.value()));
        }
        if (v instanceof IntegerValue || v instanceof FloatValue || v instanceof BooleanValue || v instanceof NullValue) {
            return Optional.of(Rendering.nested(v));
        }
        if (v instanceof ObjectValue o) {
            return Optional.of(o.text());
        }
        if (v instanceof ArrayValue a) {
            List<String> items = new ArrayList<>();
            for (Value item : a.items()) {
                Optional<String> e = of(item);
                if (e.isEmpty()) {
                    return e;
                }
                items.add(e.get());
            }
            return Optional.of("[" + String.join(", ", items) + "]");
        }
        if (v instanceof DictionaryValue d) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<Value, Value> entry : d.entries()) {
                Optional<String> e = of(entry.getValue());
                if (!(entry.getKey() instanceof StringValue key) || !IDENTIFIER.matcher(key.value()).matches() || e.isEmpty()) {
                    return Optional.empty();
                }
                entries.add(key.value() + " = " + e.get());
            }
            return Optional.of("{" + String.join(", ", entries) + "}");
        }
        return Optional.empty();
    }
}
