package dev.kompira.core.value.temporal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading dates and times from text for the built-ins {@code datetime}, {@code date} and
 * {@code time} (builtins.md §4): the default formats of D122 and the {@code %} directives of
 * builtins.md §5.6 (D135). A text that does not match, or names a date or time that does not exist,
 * gives an empty result; a format with a directive §5.6 does not allow throws
 * {@link BadFormatException}. Stateless and thread-safe.
 */
public final class TemporalParser {

    private static final String DATE = "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})";
    private static final String TIME = "([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\\.([0-9]{1,6}))?)?";
    private static final String OFFSET = "Z|[+-][0-9]{2}:?[0-9]{2}";
    private static final Pattern DEFAULT_DATE = Pattern.compile(DATE);
    private static final Pattern DEFAULT_TIME = Pattern.compile(TIME);
    /** Groups 1–3: the date; 4–7: the time; 8: the offset. */
    private static final Pattern DEFAULT_DATETIME = Pattern.compile(DATE + "(?:[T ]" + TIME + "(" + OFFSET + ")?)?");

    /** The year of a format that does not mention one (builtins.md §5.6). */
    private static final int DEFAULT_YEAR = 1900;
    /** {@code %y} values up to this one are in the 2000s, larger ones in the 1900s. */
    private static final int LAST_Y2K_YEAR = 68;

    private TemporalParser() {
    }

    /**
     * The fields read from a text.
     *
     * @param date   the calendar date
     * @param time   the time of day
     * @param offset the UTC offset the text carried, or {@code null} when it carried none
     */
    public record Parsed(LocalDate date, LocalTime time, ZoneOffset offset) {

        /**
         * Returns the moment: the instant with the text's fixed offset when there is one, otherwise the
         * wall-clock time in {@code zone} (D122: a time in a DST gap moves forward by the length of the
         * gap, an ambiguous one takes the earlier offset).
         */
        public ZonedDateTime atZone(ZoneId zone) {
            if (offset != null) {
                return ZonedDateTime.of(date, time, offset);
            }
            // ofLocal without a preferred offset applies exactly the gap and overlap rules of D122.
            return ZonedDateTime.ofLocal(LocalDateTime.of(date, time), zone, null);
        }
    }

    /** Thrown for a parsing format with a directive builtins.md §5.6 does not allow; the message says which. */
    public static final class BadFormatException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadFormatException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses the default Datetime format of D122: {@code YYYY-M[M]-D[D]}, then {@code T} or a space,
     * {@code h[h]:m[m]}, optionally {@code :s[s]} and {@code .f} (1–6 digits), optionally {@code Z}
     * or {@code ±hh[:]mm}; or a date alone (midnight). Surrounding whitespace is ignored.
     */
    public static Optional<Parsed> parseDatetime(String text) {
        Matcher m = DEFAULT_DATETIME.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = date(m);
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : time(m, 4);
            ZoneOffset offset = m.group(8) == null ? null : offset(m.group(8));
            return TemporalLimits.contains(date) ? Optional.of(new Parsed(date, time, offset)) : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Parses the default Date format {@code YYYY-M[M]-D[D]}; surrounding whitespace is ignored. */
    public static Optional<LocalDate> parseDate(String text) {
        Matcher m = DEFAULT_DATE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(date(m)).filter(TemporalLimits::contains);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses the default Time format {@code h[h]:m[m]}, optionally followed by {@code :s[s]} and
     * {@code .f} (1–6 digits); surrounding whitespace is ignored.
     */
    public static Optional<LocalTime> parseTime(String text) {
        Matcher m = DEFAULT_TIME.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(time(m, 1));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses {@code text} with a format of builtins.md §5.6 (D135). Whitespace in the format matches
     * one or more whitespace characters; other characters match literally; the whole text must be
     * consumed. Fields the format does not mention are 1900-01-01 00:00:00. {@code %Z} accepts
     * {@code UTC}, {@code GMT} and the abbreviations of {@code engineZone}; like {@code %a} it is
     * checked for form only.
     *
     * @throws BadFormatException if the format holds a directive §5.6 does not allow
     */
    public static Optional<Parsed> parse(String text, String format, ZoneId engineZone) {
        List<Character> directives = new ArrayList<>();
        Pattern pattern = compile(format, engineZone, directives);
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Fields fields = new Fields();
        String ampm = valueOf('p', directives, m);
        try {
            for (int i = 0; i < directives.size(); i++) {
                fields.read(directives.get(i), m.group(i + 1), ampm);
            }
            return fields.resolve();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static LocalDate date(Matcher m) {
        return LocalDate.of(number(m.group(1)), number(m.group(2)), number(m.group(3)));
    }

    private static LocalTime time(Matcher m, int first) {
        int second = m.group(first + 2) == null ? 0 : number(m.group(first + 2));
        int micros = m.group(first + 3) == null ? 0 : fractionMicros(m.group(first + 3));
        return LocalTime.of(number(m.group(first)), number(m.group(first + 1)), second, micros * 1000);
    }

    /** Reads {@code Z}, {@code ±hhmm} or {@code ±hh:mm}; offsets beyond ±18:00 throw. */
    private static ZoneOffset offset(String text) {
        if (text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        int sign = text.charAt(0) == '-' ? -1 : 1;
        String digits = text.substring(1).replace(":", "");
        return ZoneOffset.ofHoursMinutes(sign * number(digits.substring(0, 2)), sign * number(digits.substring(2)));
    }

    /** Reads 1–6 fraction digits as microseconds ({@code 25} is 250 000). */
    private static int fractionMicros(String digits) {
        return number((digits + "00000").substring(0, 6));
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static String valueOf(char directive, List<Character> directives, Matcher m) {
        int index = directives.lastIndexOf(directive);
        return index < 0 ? null : m.group(index + 1);
    }

    /** Builds the regular expression of a format, one capturing group per directive, in order. */
    private static Pattern compile(String format, ZoneId engineZone, List<Character> directives) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '%') {
                if (i + 1 == format.length()) {
                    throw new BadFormatException("stray % in format '" + format + "'");
                }
                char directive = format.charAt(i + 1);
                regex.append('(').append(directiveRegex(directive, format, engineZone)).append(')');
                directives.add(directive);
                i += 2;
            } else if (isWhitespace(c)) {
                regex.append("(?U:\\s+)");
                while (i < format.length() && isWhitespace(format.charAt(i))) {
                    i++;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * The sub-expression of one directive. The alternatives are Python's: trying the longest valid
     * value first lets {@code %m%d} read {@code 130} as January 30.
     */
    private static String directiveRegex(char directive, String format, ZoneId engineZone) {
        return switch (directive) {
            case 'Y' -> "[0-9]{4}";
            case 'y' -> "[0-9]{2}";
            case 'm' -> "1[0-2]|0[1-9]|[1-9]";
            case 'd' -> "3[01]|[12][0-9]|0[1-9]|[1-9]";
            case 'H' -> "2[0-3]|[01][0-9]|[0-9]";
            case 'I' -> "1[0-2]|0[1-9]|[1-9]";
            case 'p' -> "(?i:AM|PM)";
            case 'M' -> "[0-5][0-9]|[0-9]";
            case 'S' -> "6[01]|[0-5][0-9]|[0-9]";
            case 'f' -> "[0-9]{1,6}";
            case 'j' -> "36[0-6]|3[0-5][0-9]|[12][0-9]{2}|0[1-9][0-9]|00[1-9]|[1-9][0-9]|0[1-9]|[1-9]";
            case 'b', 'h' -> names(EnglishNames.MONTHS, true);
            case 'B' -> names(EnglishNames.MONTHS, false);
            case 'a' -> names(EnglishNames.WEEKDAYS, true);
            case 'A' -> names(EnglishNames.WEEKDAYS, false);
            case 'z' -> OFFSET;
            case 'Z' -> alternatives(zoneNames(engineZone));
            case '%' -> "%";
            default -> throw new BadFormatException("'%" + directive + "' is a bad directive in format '" + format + "'");
        };
    }

    private static String names(List<String> full, boolean abbreviated) {
        List<String> names = new ArrayList<>();
        for (String name : full) {
            names.add(abbreviated ? EnglishNames.abbreviation(name) : name);
        }
        return "(?i:" + alternatives(names) + ")";
    }

    /** Alternatives, longest first, so that no name is cut short by a prefix of it. */
    private static String alternatives(Iterable<String> names) {
        List<String> sorted = new ArrayList<>();
        names.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> quoted = new ArrayList<>();
        for (String name : sorted) {
            quoted.add(Pattern.quote(name));
        }
        return String.join("|", quoted);
    }

    /** {@code UTC}, {@code GMT} and the engine zone's standard (and, if it has one, daylight) abbreviation. */
    private static Set<String> zoneNames(ZoneId engineZone) {
        Set<String> names = new LinkedHashSet<>(List.of("UTC", "GMT"));
        TimeZone zone = TimeZone.getTimeZone(engineZone);
        names.add(zone.getDisplayName(false, TimeZone.SHORT, Locale.ENGLISH));
        if (zone.observesDaylightTime()) {
            names.add(zone.getDisplayName(true, TimeZone.SHORT, Locale.ENGLISH));
        }
        return names;
    }

    /** The fields of a format parse, filled directive by directive in format order (a later one wins). */
    private static final class Fields {

        private int year = DEFAULT_YEAR;
        private int month = 1;
        private int day = 1;
        private int hour;
        private int minute;
        private int second;
        private int micros;
        private Integer dayOfYear;
        private ZoneOffset offset;

        /** Stores the value of one directive; {@code ampm} is the {@code %p} text anywhere in the format. */
        void read(char directive, String value, String ampm) {
            switch (directive) {
                case 'Y' -> year = number(value);
                case 'y' -> year = number(value) + (number(value) <= LAST_Y2K_YEAR ? 2000 : 1900);
                case 'm' -> month = number(value);
                case 'b', 'h' -> month = indexOf(value, EnglishNames.MONTHS, true) + 1;
                case 'B' -> month = indexOf(value, EnglishNames.MONTHS, false) + 1;
                case 'd' -> day = number(value);
                case 'H' -> hour = number(value);
                case 'I' -> hour = twelveHour(number(value), ampm);
                case 'M' -> minute = number(value);
                case 'S' -> second = number(value);
                case 'f' -> micros = fractionMicros(value);
                case 'j' -> dayOfYear = number(value);
                case 'z' -> offset = offset(value);
                default -> {
                    // %p is read with %I; %a, %A and %Z are checked for form only; %% is literal.
                }
            }
        }

        /** Without {@code %p} a 12-hour value is taken as AM (as Python). */
        private static int twelveHour(int value, String ampm) {
            boolean pm = ampm != null && ampm.equalsIgnoreCase("PM");
            return value % 12 + (pm ? 12 : 0);
        }

        private static int indexOf(String value, List<String> full, boolean abbreviated) {
            for (int i = 0; i < full.size(); i++) {
                String name = abbreviated ? EnglishNames.abbreviation(full.get(i)) : full.get(i);
                if (name.equalsIgnoreCase(value)) {
                    return i;
                }
            }
            throw new IllegalStateException("the pattern admitted an unknown name: " + value);
        }

        /**
         * Returns the parsed value, or empty when the date is outside the supported years.
         *
         * @throws DateTimeException when the fields name no existing date or time
         */
        Optional<Parsed> resolve() {
            LocalDate date = dayOfYear != null ? LocalDate.ofYearDay(year, dayOfYear) : LocalDate.of(year, month, day);
            LocalTime time = LocalTime.of(hour, minute, second, micros * 1000);
            return TemporalLimits.contains(date) ? Optional.of(new Parsed(date, time, offset)) : Optional.empty();
        }
    }
}
