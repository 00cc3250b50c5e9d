package dev.kompira.core.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a Schedule fires (objects.md §5.3). The fields rank year &gt; month &gt; day &gt; week &gt;
 * day_of_week &gt; hour &gt; minute; a field holding any expression is specified. Unspecified fields
 * above the least significant specified one mean every value, those below it their minimum, except
 * week and day_of_week, which always mean every value; seconds are 0. The rule fires at every minute
 * that matches all fields, in the engine's zone: a minute that a daylight-saving change skips does
 * not fire, one it repeats fires once (J179). Immutable and thread-safe.
 */
public final class ScheduleRule {

    /** How far ahead {@link #nextAfter} looks: the Gregorian calendar repeats itself every 400 years. */
    private static final int HORIZON_YEARS = 400;

    private final Map<TimeField, FieldExpression> fields;

    private ScheduleRule(Map<TimeField, FieldExpression> fields) {
        this.fields = fields;
    }

    /**
     * Makes the rule of {@code written}.
     *
     * @throws ScheduleException when no field is specified or one does not parse
     */
    public static ScheduleRule of(ScheduleFields written) {
        TimeField least = null;
        for (TimeField f : TimeField.values()) {
            if (written.get(f) != null) {
                least = f;
            }
        }
        if (least == null) {
            throw new ScheduleException("a schedule needs at least one of year, month, day, week, day_of_week, hour, minute");
        }
        Map<TimeField, FieldExpression> fields = new EnumMap<>(TimeField.class);
        for (TimeField f : TimeField.values()) {
            String text = written.get(f);
            if (text != null) {
                fields.put(f, FieldExpression.parse(f, text.strip()));
            } else if (f.ordinal() < least.ordinal() || f == TimeField.WEEK || f == TimeField.DAY_OF_WEEK) {
                fields.put(f, FieldExpression.every(f));
            } else {
                fields.put(f, FieldExpression.minimum(f));
            }
        }
        return new ScheduleRule(fields);
    }

    /** Whether the rule fires at the minute {@code time} (its seconds are ignored). */
    public boolean matches(LocalDateTime time) {
        return dateMatches(time.toLocalDate()) && timeMatches(time.toLocalTime());
    }

    /**
     * The first minute after {@code after} at which the rule fires, in {@code after}'s zone, or empty
     * when it never fires again (looking 400 years ahead).
     */
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        LocalDateTime start = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate date = start.toLocalDate();
        LocalDate end = date.plusYears(HORIZON_YEARS);
        LocalTime from = start.toLocalTime();
        while (date.isBefore(end)) {
            if (!fields.get(TimeField.YEAR).matches(date.getYear(), date)) {
                date = LocalDate.of(date.getYear() + 1, 1, 1);
            } else if (!fields.get(TimeField.MONTH).matches(date.getMonthValue(), date)) {
                date = date.withDayOfMonth(1).plusMonths(1);
            } else {
                Optional<ZonedDateTime> found = dateMatches(date) ? firstTime(date, from, zone) : Optional.empty();
                if (found.isPresent()) {
                    return found;
                }
                date = date.plusDays(1);
            }
            from = LocalTime.MIDNIGHT;
        }
        return Optional.empty();
    }

    /** The first matching minute of {@code date} from {@code from} on that exists in {@code zone}. */
    private Optional<ZonedDateTime> firstTime(LocalDate date, LocalTime from, ZoneId zone) {
        for (int hour = from.getHour(); hour < 24; hour++) {
            if (!fields.get(TimeField.HOUR).matches(hour, date)) {
                continue;
            }
            for (int minute = hour == from.getHour() ? from.getMinute() : 0; minute < 60; minute++) {
                LocalDateTime local = date.atTime(hour, minute);
                // a minute that a daylight-saving change skips has no valid offset
                if (fields.get(TimeField.MINUTE).matches(minute, date) && !zone.getRules().getValidOffsets(local).isEmpty()) {
                    return Optional.of(ZonedDateTime.of(local, zone));
                }
            }
        }
        return Optional.empty();
    }

    private boolean dateMatches(LocalDate date) {
        for (TimeField f : TimeField.values()) {
            if (f.isDatePart() && !fields.get(f).matches(f.of(date), date)) {
                return false;
            }
        }
        return true;
    }

    private boolean timeMatches(LocalTime time) {
        return fields.get(TimeField.HOUR).matches(time.getHour(), null) && fields.get(TimeField.MINUTE).matches(time.getMinute(), null);
    }
}
