package dev.kompira.core.value.temporal;

import java.time.LocalDate;

/**
 * The calendar range of Date and Datetime values: years 1 to 9999, as in Python's datetime of the
 * reference implementation. Keeping every date in this range keeps the text form
 * {@code YYYY-MM-DD} (language.md §5.1) exact.
 */
public final class TemporalLimits {

    /** The smallest supported year. */
    public static final int MIN_YEAR = 1;
    /** The largest supported year. */
    public static final int MAX_YEAR = 9999;

    private TemporalLimits() {
    }

    /** Returns whether {@code date} lies in the supported range. */
    public static boolean contains(LocalDate date) {
        return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
    }
}
