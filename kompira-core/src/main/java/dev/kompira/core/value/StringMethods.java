package dev.kompira.core.value;

import dev.kompira.core.call.Arguments;
import java.util.Set;

/** The methods of Strings (language.md §4.4, D28, D29). */
final class StringMethods {

    static final Set<String> NAMES = Set.of();

    private StringMethods() {
    }

    static Value call(StringValue receiver, String name, Arguments arguments) {
        throw new UnsupportedOperationException(name);
    }
}
