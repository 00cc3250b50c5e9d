package dev.kompira.core.value;

import java.time.ZonedDateTime;
import java.util.Objects;

/** A zone-aware date and time with microsecond precision (language.md §4.14). */
public record DatetimeValue(ZonedDateTime value) implements Value {

    /** Checks the component and truncates it to microseconds. */
    public DatetimeValue {
        Objects.requireNonNull(value, "value");
        value = value.withNano(value.getNano() / 1000 * 1000);
    }

    @Override
    public String typeName() {
        return "Datetime";
    }

    @Override
    public boolean truthy() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatetimeValue d && d.value.toInstant().equals(value.toInstant());
    }

    @Override
    public int hashCode() {
        return value.toInstant().hashCode();
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
