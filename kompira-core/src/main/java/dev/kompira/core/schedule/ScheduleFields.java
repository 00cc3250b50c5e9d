package dev.kompira.core.schedule;

/**
 * The time fields of a Schedule as written (objects.md §5.3); Java null is an empty field.
 *
 * @param year      a 4-digit year expression
 * @param month     1-12
 * @param day       1-31, {@code 1st mon} ... {@code 5th sun}, {@code last mon} ... {@code last sun}, {@code last}
 * @param week      the ISO week, 1-53
 * @param dayOfWeek 0 (Monday) - 6 (Sunday), or {@code mon} ... {@code sun}
 * @param hour      0-23
 * @param minute    0-59
 */
public record ScheduleFields(String year, String month, String day, String week, String dayOfWeek, String hour,
        String minute) {

    /** The fields that fire once, at {@code year-month-day hour:minute}. */
    public static ScheduleFields once(java.time.LocalDateTime at) {
        return new ScheduleFields(String.valueOf(at.getYear()), String.valueOf(at.getMonthValue()),
                String.valueOf(at.getDayOfMonth()), null, null, String.valueOf(at.getHour()), String.valueOf(at.getMinute()));
    }

    String get(TimeField field) {
        return switch (field) {
            case YEAR -> year;
            case MONTH -> month;
            case DAY -> day;
            case WEEK -> week;
            case DAY_OF_WEEK -> dayOfWeek;
            case HOUR -> hour;
            case MINUTE -> minute;
        };
    }
}
