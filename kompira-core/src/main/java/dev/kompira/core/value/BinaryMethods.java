package dev.kompira.core.value;

import dev.kompira.core.call.Arguments;
import java.util.Set;

/** The methods of Binaries (language.md §4.5). */
final class BinaryMethods {

    static final Set<String> NAMES = Set.of();

    private BinaryMethods() {
    }

    static Value call(BinaryValue receiver, String name, Arguments arguments) {
        throw new UnsupportedOperationException(name);
    }
}
