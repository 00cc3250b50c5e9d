package dev.kompira.core.value;

import dev.kompira.core.call.Arguments;

/** Properties and methods of Datetime, Date, Time and Timedelta values (language.md §4.14). */
final class TemporalMembers {

    private TemporalMembers() {
    }

    /** Returns the property {@code name} of {@code value}, or Java {@code null} when it has none. */
    static Value property(Value value, String name) {
        return null;
    }

    static boolean hasMethod(Value value, String name) {
        return false;
    }

    static Value call(Value receiver, String name, Arguments arguments) {
        throw new UnsupportedOperationException(name);
    }
}
