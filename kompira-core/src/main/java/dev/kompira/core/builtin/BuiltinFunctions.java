package dev.kompira.core.builtin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogue of built-in functions that need neither objects nor processes, by name. Each
 * family registers itself here; the VM adds the ones that need the process ({@code current},
 * {@code channel}, {@code path}, ...). Immutable after class initialisation.
 */
public final class BuiltinFunctions {

    private static final Map<String, BuiltinFunction> FUNCTIONS;

    static {
        Map<String, BuiltinFunction> map = new LinkedHashMap<>();
        ConversionFunctions.register(map);
        TemporalFunctions.register(map);
        PatternFunctions.register(map);
        JsonFunctions.register(map);
        NetworkFunctions.register(map);
        FUNCTIONS = Collections.unmodifiableMap(map);
    }

    private BuiltinFunctions() {
    }

    /** Returns the function named {@code name}, or Java {@code null}. */
    public static BuiltinFunction get(String name) {
        return FUNCTIONS.get(name);
    }

    /** Returns every function by name. */
    public static Map<String, BuiltinFunction> all() {
        return FUNCTIONS;
    }
}
