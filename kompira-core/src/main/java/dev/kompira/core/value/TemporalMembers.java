package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.temporal.TemporalFormat;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/** Properties and methods of Datetime, Date, Time and Timedelta values (language.md §4.14). */
final class TemporalMembers {

    private static final Signature FORMAT = Signature.parse("format(fmt)");
    private static final Signature ISOFORMAT = Signature.parse("isoformat()");
    private static final BigInteger MICROS_PER_SECOND = BigInteger.valueOf(1_000_000L);

    private TemporalMembers() {
    }

    /** Returns the property {@code name} of {@code value}, or Java {@code null} when it has none. */
    static Value property(Value value, String name) {
        if (value instanceof DatetimeValue d) {
            return datetimeProperty(d.value(), name);
        }
        if (value instanceof DateValue d) {
            return dateProperty(d.value(), name);
        }
        if (value instanceof TimeValue t) {
            return timeProperty(t.value(), name);
        }
        if (value instanceof TimedeltaValue t) {
            return timedeltaProperty(t, name);
        }
        return null;
    }

    private static Value datetimeProperty(ZonedDateTime value, String name) {
        return switch (name) {
            case "date" -> new DateValue(value.toLocalDate());
            case "time" -> new TimeValue(value.toLocalTime());
            default -> {
                Value dateField = dateProperty(value.toLocalDate(), name);
                yield dateField != null ? dateField : timeProperty(value.toLocalTime(), name);
            }
        };
    }

    private static Value dateProperty(LocalDate value, String name) {
        return switch (name) {
            case "year" -> IntegerValue.of(value.getYear());
            case "month" -> IntegerValue.of(value.getMonthValue());
            case "day" -> IntegerValue.of(value.getDayOfMonth());
            // Monday 0 … Sunday 6, as Python's weekday().
            case "weekday" -> IntegerValue.of(value.getDayOfWeek().getValue() - 1);
            default -> null;
        };
    }

    private static Value timeProperty(LocalTime value, String name) {
        return switch (name) {
            case "hour" -> IntegerValue.of(value.getHour());
            case "minute" -> IntegerValue.of(value.getMinute());
            case "second" -> IntegerValue.of(value.getSecond());
            default -> null;
        };
    }

    private static Value timedeltaProperty(TimedeltaValue value, String name) {
        return switch (name) {
            case "days" -> IntegerValue.of(value.days());
            case "seconds" -> IntegerValue.of(value.seconds());
            case "microseconds" -> IntegerValue.of(value.microseconds());
            case "total_seconds" -> new FloatValue(TemporalArithmetic.quotient(value.totalMicros(), MICROS_PER_SECOND));
            default -> null;
        };
    }

    /** Returns whether {@code value} has the method {@code name}: {@code format} and Datetime's {@code isoformat}. */
    static boolean hasMethod(Value value, String name) {
        if (value instanceof DatetimeValue) {
            return name.equals("format") || name.equals("isoformat");
        }
        return (value instanceof DateValue || value instanceof TimeValue) && name.equals("format");
    }

    /** Calls a method for which {@link #hasMethod} holds. */
    static Value call(Value receiver, String name, Arguments arguments) {
        if (name.equals("isoformat")) {
            ISOFORMAT.bind(arguments);
            return StringValue.of(TemporalFormat.isoformat(((DatetimeValue) receiver).value()));
        }
        String format = formatArgument(FORMAT.bind(arguments).get("fmt"));
        if (receiver instanceof DatetimeValue d) {
            return StringValue.of(TemporalFormat.format(d.value(), format));
        }
        if (receiver instanceof DateValue d) {
            return StringValue.of(TemporalFormat.format(d.value(), format));
        }
        return StringValue.of(TemporalFormat.format(((TimeValue) receiver).value(), format));
    }

    private static String formatArgument(Value fmt) {
        if (fmt instanceof StringValue s) {
            return s.value();
        }
        throw new JobflowError(ErrorCode.R_TYPE, "expected String, got " + fmt.typeName());
    }
}
