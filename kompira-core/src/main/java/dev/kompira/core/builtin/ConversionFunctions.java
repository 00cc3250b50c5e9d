package dev.kompira.core.builtin;

import java.util.Map;

/** Built-in functions (builtins.md §4). */
final class ConversionFunctions {

    private ConversionFunctions() {
    }

    /** Adds this family's functions to {@code catalogue}. */
    static void register(Map<String, BuiltinFunction> catalogue) {
    }
}
