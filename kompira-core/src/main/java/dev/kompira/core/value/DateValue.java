package dev.kompira.core.value;

import java.time.LocalDate;
import java.util.Objects;

/** A calendar date (language.md §4.14). */
public record DateValue(LocalDate value) implements Value {

    /** Checks the component. */
    public DateValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
        return "Date";
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
