package dev.kompira.core.value;

import java.time.LocalTime;
import java.util.Objects;

/** A time of day without zone, with microsecond precision (language.md §4.14). */
public record TimeValue(LocalTime value) implements Value {

    /** Checks the component and truncates it to microseconds. */
    public TimeValue {
        Objects.requireNonNull(value, "value");
        value = value.withNano(value.getNano() / 1000 * 1000);
    }

    @Override
    public String typeName() {
        return "Time";
    }

    @Override
    public boolean truthy() {
        return true;
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
