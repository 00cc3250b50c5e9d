package dev.kompira.core.value.temporal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Formatting with the {@code %} directives of language.md Appendix A, used by
 * {@code Datetime.format}, {@code Date.format} and {@code Time.format}, plus
 * {@code Datetime.isoformat} (§4.14). Names are English. Any other {@code %} sequence and a final
 * lone {@code %} are copied unchanged (D136). Stateless and thread-safe.
 */
public final class TemporalFormat {

    /** {@code Time.format} places the time on this date (Appendix A). */
    private static final LocalDate TIME_FORMAT_DATE = LocalDate.of(1900, 1, 1);
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private TemporalFormat() {
    }

    /** Formats a Datetime: every directive, {@code %z}/{@code %Z} from its zone. */
    public static String format(ZonedDateTime value, String format) {
        return expand(format, new Moment(value.toLocalDateTime(), value));
    }

    /** Formats a Date: time directives give zeros, {@code %z} and {@code %Z} nothing. */
    public static String format(LocalDate value, String format) {
        return expand(format, new Moment(value.atStartOfDay(), null));
    }

    /** Formats a Time: date directives use 1900-01-01, {@code %z} and {@code %Z} give nothing. */
    public static String format(LocalTime value, String format) {
        return expand(format, new Moment(TIME_FORMAT_DATE.atTime(value), null));
    }

    /** Returns the instant of {@code value} in UTC as {@code YYYY-MM-DDTHH:MM:SSZ}, fractions dropped. */
    public static String isoformat(ZonedDateTime value) {
        LocalDateTime utc = value.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return expand("%Y-%m-%dT%H:%M:%SZ", new Moment(utc, null));
    }

    /**
     * Returns the zone abbreviation {@code %Z} writes: the English short name of a region zone
     * ({@code JST}, {@code CEST}), {@code UTC} for offset zero, {@code UTC±hh:mm} for other fixed
     * offsets.
     */
    public static String zoneAbbreviation(ZonedDateTime value) {
        if (value.getZone() instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
        }
        return ZONE_NAME.format(value);
    }

    /**
     * What the directives read: the wall-clock date and time, and the zoned value when there is one
     * (Date and Time values have none, so {@code %z} and {@code %Z} are empty).
     */
    private record Moment(LocalDateTime local, ZonedDateTime zoned) {

        /** Seconds since the epoch; a value without zone is read as UTC, the only zone it could name. */
        long epochSecond() {
            return zoned != null ? zoned.toEpochSecond() : local.toEpochSecond(ZoneOffset.UTC);
        }
    }

    private static String expand(String format, Moment moment) {
        StringBuilder out = new StringBuilder(format.length() + 16);
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                i++;
                continue;
            }
            char directive = format.charAt(i + 1);
            String field = directive(directive, moment);
            if (field == null) {
                out.append('%').append(directive);
            } else {
                out.append(field);
            }
            i += 2;
        }
        return out.toString();
    }

    /** Returns the text of one directive, or Java {@code null} for a sequence Appendix A does not define. */
    private static String directive(char directive, Moment moment) {
        LocalDateTime t = moment.local();
        return switch (directive) {
            case 'a' -> EnglishNames.abbreviation(EnglishNames.weekday(t.getDayOfWeek()));
            case 'A' -> EnglishNames.weekday(t.getDayOfWeek());
            case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'd' -> pad(t.getDayOfMonth(), 2, '0');
            case 'e' -> pad(t.getDayOfMonth(), 2, ' ');
            case 'b', 'h' -> EnglishNames.abbreviation(EnglishNames.month(t.getMonth()));
            case 'B' -> EnglishNames.month(t.getMonth());
            case 'm' -> pad(t.getMonthValue(), 2, '0');
            case 'y' -> pad(t.getYear() % 100, 2, '0');
            case 'Y' -> pad(t.getYear(), 4, '0');
            case 'C' -> pad(t.getYear() / 100, 2, '0');
            case 'G' -> pad(t.get(IsoFields.WEEK_BASED_YEAR), 4, '0');
            case 'V' -> pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0');
            case 'H' -> pad(t.getHour(), 2, '0');
            case 'I' -> pad(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, '0');
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'M' -> pad(t.getMinute(), 2, '0');
            case 'S' -> pad(t.getSecond(), 2, '0');
            case 'f' -> pad(t.getNano() / 1000, 6, '0');
            case 'j' -> pad(t.getDayOfYear(), 3, '0');
            case 'U' -> pad(weekOfYear(t, t.getDayOfWeek().getValue() % 7), 2, '0');
            case 'W' -> pad(weekOfYear(t, t.getDayOfWeek().getValue() - 1), 2, '0');
            case 'z' -> moment.zoned() == null ? "" : offset(moment.zoned().getOffset());
            case 'Z' -> moment.zoned() == null ? "" : zoneAbbreviation(moment.zoned());
            case 's' -> Long.toString(moment.epochSecond());
            case 'c' -> expand("%a %b %e %H:%M:%S %Y", moment);
            case 'x', 'D' -> expand("%m/%d/%y", moment);
            case 'X', 'T' -> expand("%H:%M:%S", moment);
            case 'F' -> expand("%Y-%m-%d", moment);
            case 'R' -> expand("%H:%M", moment);
            case 'r' -> expand("%I:%M:%S %p", moment);
            case 'n' -> "\n";
            case 't' -> "\t";
            case '%' -> "%";
            default -> null;
        };
    }

    /**
     * The week number of {@code %U}/{@code %W} (C's definition): days before the year's first
     * week-starting day are in week 0. {@code weekdayFromStart} counts days since the week's start.
     */
    private static int weekOfYear(LocalDateTime t, int weekdayFromStart) {
        return (t.getDayOfYear() - 1 + 7 - weekdayFromStart) / 7;
    }

    /** {@code ±hhmm}, plus {@code ss} for the rare historical offsets with seconds (as Python). */
    private static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String text = (total < 0 ? "-" : "+") + pad(abs / 3600, 2, '0') + pad(abs / 60 % 60, 2, '0');
        return abs % 60 == 0 ? text : text + pad(abs % 60, 2, '0');
    }

    private static String pad(int value, int width, char fill) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : String.valueOf(fill).repeat(width - digits.length()) + digits;
    }
}
