package dev.kompira.core.value.temporal;

import java.time.DayOfWeek;
import java.time.Month;
import java.util.List;

/**
 * The English month and weekday names that formatting and parsing share (language.md Appendix A:
 * names are always English, whatever the JVM's locale).
 */
final class EnglishNames {

    /** Full month names, January first. */
    static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");

    /** Full weekday names, Monday first (the order of {@link DayOfWeek}). */
    static final List<String> WEEKDAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday");

    private EnglishNames() {
    }

    /** Returns the full name of {@code month}. */
    static String month(Month month) {
        return MONTHS.get(month.ordinal());
    }

    /** Returns the full name of {@code day}. */
    static String weekday(DayOfWeek day) {
        return WEEKDAYS.get(day.ordinal());
    }

    /** Returns the three-letter abbreviation of a full name ({@code Sat}, {@code Mar}). */
    static String abbreviation(String name) {
        return name.substring(0, 3);
    }
}
