package dev.kompira.core.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;

/**
 * The time fields of a Schedule (objects.md §5.3), from the most significant to the least, with the
 * values each may hold and how a minute's value is read from a date and time.
 */
enum TimeField {
    YEAR("year", 1970, 9999),
    MONTH("month", 1, 12),
    DAY("day", 1, 31),
    WEEK("week", 1, 53),
    DAY_OF_WEEK("day_of_week", 0, 6),
    HOUR("hour", 0, 23),
    MINUTE("minute", 0, 59);

    final String fieldName;
    final int min;
    final int max;

    TimeField(String fieldName, int min, int max) {
        this.fieldName = fieldName;
        this.min = min;
        this.max = max;
    }

    /** Whether the field depends on the date only (not on the time of day). */
    boolean isDatePart() {
        return ordinal() <= DAY_OF_WEEK.ordinal();
    }

    /** The field's value at {@code date} (date fields only); Monday is 0, the ISO week is used. */
    int of(LocalDate date) {
        return switch (this) {
            case YEAR -> date.getYear();
            case MONTH -> date.getMonthValue();
            case DAY -> date.getDayOfMonth();
            case WEEK -> date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case DAY_OF_WEEK -> date.getDayOfWeek().getValue() - 1;
            default -> throw new IllegalStateException(this + " is not a date field");
        };
    }

    /** The field's value at {@code time}. */
    int of(LocalDateTime time) {
        return switch (this) {
            case HOUR -> time.getHour();
            case MINUTE -> time.getMinute();
            default -> of(time.toLocalDate());
        };
    }
}
