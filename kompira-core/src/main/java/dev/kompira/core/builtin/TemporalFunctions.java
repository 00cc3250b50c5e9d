package dev.kompira.core.builtin;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.temporal.TemporalLimits;
import dev.kompira.core.value.temporal.TemporalParser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The date and time built-in functions {@code now}, {@code datetime}, {@code date}, {@code time}
 * and {@code timedelta} (builtins.md §4, D122, D123). The engine's zone and clock come from the
 * {@link CallContext}.
 */
final class TemporalFunctions {

    /** The parameters of {@code timedelta}, in order, with their units in microseconds. */
    private static final List<Unit> TIMEDELTA_UNITS = List.of(new Unit("days", TimedeltaValue.MICROS_PER_DAY),
            new Unit("hours", 3_600_000_000L), new Unit("minutes", 60_000_000L), new Unit("seconds", 1_000_000L),
            new Unit("microseconds", 1L));

    /** The IANA region names {@code zone} may give; ZoneId.of alone would also take offsets such as '+09:00'. */
    private static final Set<String> ZONE_NAMES = Set.copyOf(ZoneId.getAvailableZoneIds());

    /** A parameter of {@code timedelta} and its length in microseconds. */
    private record Unit(String parameter, long micros) {
    }

    private TemporalFunctions() {
    }

    /** Adds this family's functions to {@code catalogue}. */
    static void register(Map<String, BuiltinFunction> catalogue) {
        catalogue.put("now", BuiltinFunction.of("now()", TemporalFunctions::now));
        catalogue.put("datetime", BuiltinFunction.of("datetime(dt_str_or_date, dt_fmt_or_time=null, zone=null)",
                TemporalFunctions::datetime));
        catalogue.put("date", BuiltinFunction.of("date(date_str, dt_fmt=null)", TemporalFunctions::date));
        catalogue.put("time", BuiltinFunction.of("time(time_str, dt_fmt=null)", TemporalFunctions::time));
        catalogue.put("timedelta", BuiltinFunction.of(
                "timedelta(days=0, hours=0, minutes=0, seconds=0, microseconds=0)", TemporalFunctions::timedelta));
    }

    /** {@code now()}: the clock's instant in the engine zone; DatetimeValue keeps microseconds. */
    private static Value now(Signature.Bound args, CallContext context) {
        return new DatetimeValue(ZonedDateTime.ofInstant(context.clock().instant(), context.zone()));
    }

    /** {@code datetime(...)} in the forms of D122. */
    private static Value datetime(Signature.Bound args, CallContext context) {
        ZoneId zone = zone(args, context);
        Value first = args.get("dt_str_or_date");
        Value second = args.get("dt_fmt_or_time");
        if (first instanceof StringValue text && second == NullValue.NULL) {
            return parsed(args, text, TemporalParser.parseDatetime(text.value()), p -> datetimeValue(args, p.atZone(zone)));
        }
        if (first instanceof StringValue text && second instanceof StringValue format) {
            return parsed(args, text, parse(args, text, format, context), p -> datetimeValue(args, p.atZone(zone)));
        }
        if (first instanceof DateValue date && (second == NullValue.NULL || second instanceof TimeValue)) {
            LocalTime time = second instanceof TimeValue t ? t.value() : LocalTime.MIDNIGHT;
            // A combined local time follows the same gap and overlap rules as a parsed one.
            return datetimeValue(args, new TemporalParser.Parsed(date.value(), time, null).atZone(zone));
        }
        if (first instanceof DatetimeValue dt && second == NullValue.NULL) {
            return args.isNull("zone") ? dt : datetimeValue(args, dt.value().withZoneSameInstant(zone));
        }
        throw args.fail("unsupported argument types (" + first.typeName() + ", " + second.typeName() + ")");
    }

    /** The {@code zone} argument as a zone, or the engine's zone when it is {@code null}. */
    private static ZoneId zone(Signature.Bound args, CallContext context) {
        Value zone = args.get("zone");
        if (zone == NullValue.NULL) {
            return context.zone();
        }
        if (!(zone instanceof StringValue name)) {
            throw args.fail("zone must be a String");
        }
        if (!ZONE_NAMES.contains(name.value())) {
            throw args.fail("unknown time zone '" + name.value() + "'");
        }
        return ZoneId.of(name.value());
    }

    /** A Datetime, checked against the supported years (a zone conversion may cross them). */
    private static DatetimeValue datetimeValue(Signature.Bound args, ZonedDateTime value) {
        if (!TemporalLimits.contains(value.toLocalDate())) {
            throw args.fail("date value out of range");
        }
        return new DatetimeValue(value);
    }

    /** {@code date(date_str, dt_fmt=null)}, D123. */
    private static Value date(Signature.Bound args, CallContext context) {
        Value first = args.get("date_str");
        Value format = args.get("dt_fmt");
        if (first instanceof StringValue text) {
            Optional<LocalDate> date = format == NullValue.NULL ? TemporalParser.parseDate(text.value())
                    : parse(args, text, formatArgument(args, format), context).map(TemporalParser.Parsed::date);
            return parsed(args, text, date, DateValue::new);
        }
        requireNoFormat(args, format);
        if (first instanceof DatetimeValue dt) {
            return new DateValue(dt.value().toLocalDate());
        }
        if (first instanceof DateValue) {
            return first;
        }
        throw args.fail("date_str must be a String, Datetime or Date");
    }

    /** {@code time(time_str, dt_fmt=null)}, D123. */
    private static Value time(Signature.Bound args, CallContext context) {
        Value first = args.get("time_str");
        Value format = args.get("dt_fmt");
        if (first instanceof StringValue text) {
            Optional<LocalTime> time = format == NullValue.NULL ? TemporalParser.parseTime(text.value())
                    : parse(args, text, formatArgument(args, format), context).map(TemporalParser.Parsed::time);
            return parsed(args, text, time, TimeValue::new);
        }
        requireNoFormat(args, format);
        if (first instanceof DatetimeValue dt) {
            return new TimeValue(dt.value().toLocalTime());
        }
        if (first instanceof TimeValue) {
            return first;
        }
        throw args.fail("time_str must be a String, Datetime or Time");
    }

    private static StringValue formatArgument(Signature.Bound args, Value format) {
        if (format instanceof StringValue s) {
            return s;
        }
        throw args.fail("dt_fmt must be a String");
    }

    /** A format only makes sense with a text to parse. */
    private static void requireNoFormat(Signature.Bound args, Value format) {
        if (format != NullValue.NULL) {
            throw args.fail("dt_fmt is only allowed with a String");
        }
    }

    /** Parses with a §5.6 format; a directive it does not allow fails the call with its own message. */
    private static Optional<TemporalParser.Parsed> parse(Signature.Bound args, StringValue text, StringValue format,
            CallContext context) {
        try {
            return TemporalParser.parse(text.value(), format.value(), context.zone());
        } catch (TemporalParser.BadFormatException e) {
            throw args.fail(e.getMessage());
        }
    }

    /** Converts a parse result, or fails with {@code cannot parse '<text>'}. */
    private static <T> Value parsed(Signature.Bound args, StringValue text, Optional<T> result,
            Function<T, Value> convert) {
        return convert.apply(result.orElseThrow(() -> args.fail("cannot parse '" + text.value() + "'")));
    }

    /** {@code timedelta(...)}: the exact sum of the arguments, rounded to microseconds half to even. */
    private static Value timedelta(Signature.Bound args, CallContext context) {
        BigDecimal micros = BigDecimal.ZERO;
        for (Unit unit : TIMEDELTA_UNITS) {
            micros = micros.add(exact(args, unit.parameter()).multiply(BigDecimal.valueOf(unit.micros())));
        }
        BigInteger rounded = micros.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        try {
            return TimedeltaValue.ofMicros(rounded);
        } catch (JobflowError e) {
            // ofMicros reports only the range, as R-VALUE; the built-in reports it as its own failure.
            throw args.fail("value out of range");
        }
    }

    /** The exact value of a numeric argument; a Float is exact as a BigDecimal. */
    private static BigDecimal exact(Signature.Bound args, String parameter) {
        Value v = args.get(parameter);
        if (v instanceof IntegerValue i) {
            return new BigDecimal(i.bigValue());
        }
        if (!(v instanceof FloatValue f)) {
            throw args.fail(parameter + " must be an Integer or Float");
        }
        if (!Double.isFinite(f.value())) {
            throw args.fail("value out of range");
        }
        return new BigDecimal(f.value());
    }
}
