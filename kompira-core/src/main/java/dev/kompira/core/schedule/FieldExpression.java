package dev.kompira.core.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One time field's expression (objects.md §5.3): a list, separated by {@code ,}, of {@code *},
 * {@code *}{@code /a}, {@code a}, {@code a-b}, {@code a-b/c}, and in {@code day} also {@code 1st mon} ...
 * {@code 5th sun}, {@code last mon} ... {@code last sun} and {@code last}. Day-of-week values may be
 * written {@code mon} ... {@code sun} (Monday is 0). Immutable.
 */
final class FieldExpression {

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern RANGE = Pattern.compile("(\\*|([0-9a-z]+)(?:-([0-9a-z]+))?)(?:/([0-9]+))?");
    private static final Pattern NTH = Pattern.compile("(1st|2nd|3rd|4th|5th) ([a-z]+)");
    private static final Pattern LAST = Pattern.compile("last(?: ([a-z]+))?");

    /** One term of the list: whether it matches a field value, seen on the date it belongs to. */
    private interface Term {
        boolean matches(int value, LocalDate date);
    }

    private record Range(int from, int to, int step) implements Term {
        @Override
        public boolean matches(int value, LocalDate date) {
            return value >= from && value <= to && (value - from) % step == 0;
        }
    }

    /** The {@code n}-th weekday {@code dayOfWeek} (Monday 0) of the month. */
    private record NthWeekday(int n, int dayOfWeek) implements Term {
        @Override
        public boolean matches(int value, LocalDate date) {
            return date.getDayOfWeek().getValue() - 1 == dayOfWeek && (date.getDayOfMonth() - 1) / 7 + 1 == n;
        }
    }

    /** The last weekday {@code dayOfWeek} of the month, or with {@code dayOfWeek} -1 the last day. */
    private record Last(int dayOfWeek) implements Term {
        @Override
        public boolean matches(int value, LocalDate date) {
            int remaining = date.lengthOfMonth() - date.getDayOfMonth();
            return dayOfWeek < 0 ? remaining == 0 : date.getDayOfWeek().getValue() - 1 == dayOfWeek && remaining < 7;
        }
    }

    private final List<Term> terms;

    private FieldExpression(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** Every value of {@code field}. */
    static FieldExpression every(TimeField field) {
        return new FieldExpression(List.of(new Range(field.min, field.max, 1)));
    }

    /** Only {@code field}'s smallest value. */
    static FieldExpression minimum(TimeField field) {
        return new FieldExpression(List.of(new Range(field.min, field.min, 1)));
    }

    /**
     * Parses {@code text} as an expression of {@code field}.
     *
     * @throws ScheduleException naming the field and the part that is wrong
     */
    static FieldExpression parse(TimeField field, String text) {
        if (text.isEmpty()) {
            throw invalid(field, "an empty expression");
        }
        List<Term> terms = new ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            terms.add(term(field, part));
        }
        return new FieldExpression(terms);
    }

    private static Term term(TimeField field, String part) {
        Matcher m;
        if (field == TimeField.DAY && (m = NTH.matcher(part)).matches()) {
            return new NthWeekday(part.charAt(0) - '0', dayName(field, m.group(2)));
        }
        if (field == TimeField.DAY && (m = LAST.matcher(part)).matches()) {
            return new Last(m.group(1) == null ? -1 : dayName(field, m.group(1)));
        }
        m = RANGE.matcher(part);
        if (!m.matches()) {
            throw invalid(field, "'" + part + "'");
        }
        int step = m.group(4) == null ? 1 : number(field, m.group(4), 1, Integer.MAX_VALUE);
        if (m.group(1).equals("*")) {
            return new Range(field.min, field.max, step);
        }
        int from = value(field, m.group(2));
        int to = m.group(3) == null ? (m.group(4) == null ? from : field.max) : value(field, m.group(3));
        if (from > to) {
            throw new ScheduleException(field.fieldName + ": the range " + part + " runs backwards");
        }
        return new Range(from, to, step);
    }

    /** A value of the field: a number in its range, or for day_of_week also a day's name. */
    private static int value(TimeField field, String text) {
        if (field == TimeField.DAY_OF_WEEK && DAY_NAMES.contains(text)) {
            return DAY_NAMES.indexOf(text);
        }
        return number(field, text, field.min, field.max);
    }

    private static int number(TimeField field, String text, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(field, "'" + text + "'");
        }
        if (n < min || n > max) {
            throw new ScheduleException(field.fieldName + ": " + n + " is out of range " + min + "-" + (max == Integer.MAX_VALUE ? "" : max));
        }
        return n;
    }

    private static int dayName(TimeField field, String name) {
        int index = DAY_NAMES.indexOf(name);
        if (index < 0) {
            throw invalid(field, "'" + name + "' (days are mon, tue, wed, thu, fri, sat, sun)");
        }
        return index;
    }

    private static ScheduleException invalid(TimeField field, String what) {
        return new ScheduleException(field.fieldName + ": " + what + " is not a time expression (*, */a, a, a-b, a-b/c, lists"
                + (field == TimeField.DAY ? ", 1st mon, last fri, last" : "") + ")");
    }

    /** Whether the expression matches {@code value}, the field's value on {@code date}. */
    boolean matches(int value, LocalDate date) {
        for (Term t : terms) {
            if (t.matches(value, date)) {
                return true;
            }
        }
        return false;
    }
}
