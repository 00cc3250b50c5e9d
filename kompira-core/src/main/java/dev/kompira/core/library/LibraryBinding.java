package dev.kompira.core.library;

import java.util.Map;

/**
 * What binding a Library object to its code gave (objects.md §4.6): the values of its
 * {@code executable} and {@code document} fields and the functions a jobflow can call.
 *
 * @param executable whether the library loaded and can be called
 * @param document   its documentation when it loaded, otherwise why it did not
 * @param functions  the functions by name; empty when it did not load
 */
public record LibraryBinding(boolean executable, String document, Map<String, LibraryFunction> functions) {

    /** Copies the functions. */
    public LibraryBinding {
        functions = Map.copyOf(functions);
    }

    /** A library that loaded, with its documentation and functions. */
    public static LibraryBinding loaded(String document, Map<String, LibraryFunction> functions) {
        return new LibraryBinding(true, document, functions);
    }

    /** A library that cannot be called, and why. */
    public static LibraryBinding failed(String why) {
        return new LibraryBinding(false, why, Map.of());
    }
}
