package dev.kompira.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Operators;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The built-in functions {@code now}, {@code datetime}, {@code date}, {@code time} and {@code timedelta} (builtins.md §4). */
class TemporalFunctionsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** The engine's clock stands at Saturday 2024-03-09 07:05:03.123456789 in Tokyo. */
    private static final Instant NOW = Instant.parse("2024-03-08T22:05:03.123456789Z");

    /** The engine as the built-ins see it: a fixed zone and a fixed clock. */
    private record FixedContext(ZoneId zone, Clock clock) implements CallContext {
    }

    private static final CallContext ENGINE = new FixedContext(TOKYO, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Value call(String name, Value... positional) {
        return call(name, Map.of(), positional);
    }

    private static Value call(String name, Map<String, Value> keywords, Value... positional) {
        BuiltinFunction function = BuiltinFunctions.get(name);
        return function.call(function.signature().bind(new Arguments(List.of(positional), keywords)), ENGINE);
    }

    private static StringValue s(String text) {
        return StringValue.of(text);
    }

    private static String text(Value v) {
        return Rendering.text(v);
    }

    /** Renders values as {@code print} does: text forms joined by spaces. */
    private static String print(Value... values) {
        return List.of(values).stream().map(Rendering::text).collect(Collectors.joining(" "));
    }

    private static Value get(Value target, String name) {
        return Members.attribute(target, name);
    }

    private static Value method(Value receiver, String name, Value... arguments) {
        return Members.call(receiver, name, Arguments.of(arguments));
    }

    private static void assertFails(String message, Executable action) {
        assertError(ErrorCode.R_CALL_FAILED, message, action);
    }

    private static void assertError(ErrorCode code, String message, Executable action) {
        JobflowError e = assertThrows(JobflowError.class, action);
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
    }

    // ---- spec examples

    @Test
    void section414Example() {
        // [start = datetime('2024-03-31 23:30:00')] -> [end = start + timedelta(minutes=45)] -> ...
        Value start = call("datetime", s("2024-03-31 23:30:00"));
        Value end = Operators.add(start, call("timedelta", Map.of("minutes", IntegerValue.of(45))));
        assertEquals("2024-04-01 00:15:00+09:00", print(end));
        Value elapsed = Operators.subtract(end, start);
        assertEquals("0:45:00 2700.0", print(elapsed, get(elapsed, "total_seconds")));
        assertEquals("2024-04-01 0 01/04 00:15",
                print(get(end, "date"), get(end, "weekday"), method(end, "format", s("%d/%m %H:%M"))));
    }

    @Test
    void section59Example() {
        DictionaryValue d = new DictionaryValue();
        d.put("name", s("web01"));
        d.put("tags", ArrayValue.of(s("a"), s("b")));
        d.put("at", call("datetime", s("2024-05-01 12:00:00")));
        assertEquals("{name='web01', tags=['a', 'b'], at=2024-05-01 12:00:00+09:00}", print(d));
    }

    @Test
    void nowExample() {
        // [t = now()] -> print(t.format('%Y-%m-%dT%H:%M:%S'), t.weekday)
        Value t = call("now");
        assertEquals("2024-03-09T07:05:03 5", print(method(t, "format", s("%Y-%m-%dT%H:%M:%S")), get(t, "weekday")));
    }

    @Test
    void datetimeExample() {
        Value a = call("datetime", s("2024-07-01 09:30"));
        Value b = call("datetime", s("2024-07-01T00:30:00Z"));
        Value c = call("datetime", s("01/07/2024 9h30"), s("%d/%m/%Y %Hh%M"), s("Europe/Paris"));
        Value d = call("datetime", get(a, "date"), call("time", s("18:00")));
        assertEquals("true 2024-07-01 09:30:00+02:00 8:30:00",
                print(BooleanValue.of(Equality.equal(a, b)), c, Operators.subtract(d, a)));
        assertEquals("2024-07-01 00:30:00+00:00", print(b));
    }

    @Test
    void dateExample() {
        Value d = call("date", s("2024-2-29"));
        assertEquals("2024-02-29 3 true", print(d, get(d, "weekday"),
                BooleanValue.of(Equality.equal(call("date", s("29.02.2024"), s("%d.%m.%Y")), d))));
    }

    @Test
    void timeExample() {
        assertEquals("07:05:00 07:05:09.250000 23:00:00",
                print(call("time", s("7:05")), call("time", s("07:05:09.25")), call("time", s("11pm"), s("%I%p"))));
    }

    @Test
    void timedeltaExample() {
        Value deadline = Operators.add(call("now"),
                call("timedelta", Map.of("hours", IntegerValue.ONE, "minutes", IntegerValue.of(30))));
        assertEquals("2024-03-09 08:35:03.123456+09:00", print(deadline));
        assertEquals("-1 day, 23:59:59 1 day, 12:00:00 5400.0",
                print(call("timedelta", Map.of("seconds", IntegerValue.of(-1))),
                        call("timedelta", Map.of("days", new FloatValue(1.5))),
                        get(call("timedelta", Map.of("minutes", IntegerValue.of(90))), "total_seconds")));
    }

    @Test
    void section55TableThroughTimedelta() {
        assertEquals("0:00:05", text(call("timedelta", Map.of("seconds", IntegerValue.of(5)))));
        assertEquals("1 day, 2:03:04", text(call("timedelta", IntegerValue.ONE, IntegerValue.of(2), IntegerValue.of(3),
                IntegerValue.of(4))));
        assertEquals("-1 day, 23:59:55", text(call("timedelta", Map.of("seconds", IntegerValue.of(-5)))));
        assertEquals("2 days, 0:00:00.500000",
                text(call("timedelta", Map.of("days", IntegerValue.of(2), "seconds", new FloatValue(0.5)))));
    }

    // ---- now

    @Test
    void nowHasMicrosecondPrecisionInTheEngineZone() {
        DatetimeValue t = (DatetimeValue) call("now");
        assertEquals(TOKYO, t.value().getZone());
        assertEquals(NOW.minusNanos(789), t.value().toInstant());
        assertEquals("2024-03-09 07:05:03.123456+09:00", text(t));
        assertError(ErrorCode.R_ARGUMENT, "now: too many arguments", () -> call("now", IntegerValue.ONE));
    }

    // ---- datetime

    @Test
    void datetimeTakesLocalTimeInTheZoneArgument() {
        Value utc = call("datetime", Map.of("zone", s("UTC")), s("2024-07-01 09:30"));
        assertEquals("2024-07-01 09:30:00+00:00", text(utc));
        assertEquals("2024-07-01 09:30:00-04:00",
                text(call("datetime", s("2024-07-01 09:30"), NullValue.NULL, s("America/New_York"))));
    }

    @Test
    void datetimeIgnoresTheZoneWhenTheTextCarriesAnOffset() {
        assertEquals("2024-07-01 09:30:00+05:30",
                text(call("datetime", s("2024-07-01T09:30+05:30"), NullValue.NULL, s("Europe/Paris"))));
        assertEquals("2024-07-01 09:30:00-03:00",
                text(call("datetime", s("2024-07-01 09:30 -0300"), s("%Y-%m-%d %H:%M %z"), s("Europe/Paris"))));
    }

    @Test
    void datetimeMovesGapTimesForwardAndTakesTheEarlierOffsetInOverlaps() {
        assertEquals("2024-03-31 03:30:00+02:00",
                text(call("datetime", Map.of("zone", s("Europe/Paris")), s("2024-03-31 02:30"))));
        assertEquals("2024-10-27 02:30:00+02:00",
                text(call("datetime", Map.of("zone", s("Europe/Paris")), s("2024-10-27 02:30"))));
        assertEquals("2024-03-31 03:30:00+02:00",
                text(call("datetime", new DateValue(LocalDate.of(2024, 3, 31)), new TimeValue(LocalTime.of(2, 30)),
                        s("Europe/Paris"))));
    }

    @Test
    void datetimeOfADateIsMidnight() {
        assertEquals("2024-07-01 00:00:00+09:00", text(call("datetime", new DateValue(LocalDate.of(2024, 7, 1)))));
    }

    @Test
    void datetimeOfADatetimeIsUnchangedOrConvertedToTheZone() {
        DatetimeValue paris = new DatetimeValue(ZonedDateTime.of(2024, 7, 1, 9, 30, 0, 0, ZoneId.of("Europe/Paris")));
        assertSame(paris, call("datetime", paris));
        DatetimeValue converted = (DatetimeValue) call("datetime", Map.of("zone", s("Asia/Tokyo")), paris);
        assertEquals("2024-07-01 16:30:00+09:00", text(converted));
        assertEquals(paris, converted);
    }

    @Test
    void datetimeFailures() {
        assertFails("datetime: cannot parse '2024-13-01'", () -> call("datetime", s("2024-13-01")));
        assertFails("datetime: cannot parse 'soon'", () -> call("datetime", s("soon")));
        assertFails("datetime: cannot parse '31/02/2024'", () -> call("datetime", s("31/02/2024"), s("%d/%m/%Y")));
        assertFails("datetime: unknown time zone 'Mars/Olympus'",
                () -> call("datetime", s("2024-07-01"), NullValue.NULL, s("Mars/Olympus")));
        assertFails("datetime: unknown time zone '+09:00'",
                () -> call("datetime", s("2024-07-01"), NullValue.NULL, s("+09:00")));
        assertFails("datetime: zone must be a String",
                () -> call("datetime", s("2024-07-01"), NullValue.NULL, IntegerValue.of(9)));
        assertFails("datetime: unsupported argument types (Integer, Null)", () -> call("datetime", IntegerValue.ONE));
        assertFails("datetime: unsupported argument types (String, Time)",
                () -> call("datetime", s("2024-07-01"), new TimeValue(LocalTime.NOON)));
        assertFails("datetime: unsupported argument types (Date, String)",
                () -> call("datetime", new DateValue(LocalDate.EPOCH), s("%Y")));
        assertFails("datetime: unsupported argument types (Datetime, String)", () -> call("datetime", call("now"), s("%Y")));
        assertFails("datetime: '%q' is a bad directive in format '%Y%q'",
                () -> call("datetime", s("2024"), s("%Y%q")));
        assertFails("datetime: date value out of range", () -> call("datetime",
                Map.of("zone", s("Asia/Tokyo")), call("datetime", s("9999-12-31T23:00:00Z"))));
        assertError(ErrorCode.R_ARGUMENT, "datetime: missing argument 'dt_str_or_date'", () -> call("datetime"));
    }

    // ---- date and time

    @Test
    void dateAcceptsDatetimesAndDates() {
        assertEquals("2024-03-09", text(call("date", call("now"))));
        DateValue d = new DateValue(LocalDate.of(2024, 3, 9));
        assertSame(d, call("date", d));
        assertEquals("2024-03-09", text(call("date", s("2024-03-09 07:05"), s("%Y-%m-%d %H:%M"))));
    }

    @Test
    void dateFailures() {
        assertFails("date: cannot parse '2023-02-29'", () -> call("date", s("2023-02-29")));
        assertFails("date: cannot parse '2024-03-09 07:05'", () -> call("date", s("2024-03-09 07:05")));
        assertFails("date: date_str must be a String, Datetime or Date", () -> call("date", IntegerValue.ONE));
        assertFails("date: date_str must be a String, Datetime or Date",
                () -> call("date", new TimeValue(LocalTime.NOON)));
        assertFails("date: dt_fmt must be a String", () -> call("date", s("2024"), IntegerValue.ONE));
        assertFails("date: dt_fmt is only allowed with a String", () -> call("date", call("now"), s("%Y")));
        assertFails("date: stray % in format '%Y%'", () -> call("date", s("2024"), s("%Y%")));
    }

    @Test
    void timeAcceptsDatetimesAndTimes() {
        assertEquals("07:05:03.123456", text(call("time", call("now"))));
        TimeValue t = new TimeValue(LocalTime.of(7, 5));
        assertSame(t, call("time", t));
        assertEquals("07:05:00", text(call("time", s("2024-03-09 07:05"), s("%Y-%m-%d %H:%M"))));
    }

    @Test
    void timeFailures() {
        assertFails("time: cannot parse '24:00'", () -> call("time", s("24:00")));
        assertFails("time: cannot parse '7'", () -> call("time", s("7")));
        assertFails("time: time_str must be a String, Datetime or Time",
                () -> call("time", new DateValue(LocalDate.EPOCH)));
        assertFails("time: dt_fmt must be a String", () -> call("time", s("7"), new FloatValue(1.0)));
        assertFails("time: dt_fmt is only allowed with a String", () -> call("time", call("now"), s("%H")));
    }

    // ---- timedelta

    @Test
    void timedeltaSumsItsArgumentsExactly() {
        assertEquals(TimedeltaValue.ZERO, call("timedelta"));
        assertEquals(TimedeltaValue.ZERO,
                call("timedelta", Map.of("days", new FloatValue(0.5), "hours", IntegerValue.of(-12))));
        assertEquals("0:00:00.300000",
                text(call("timedelta", Map.of("seconds", new FloatValue(0.1), "microseconds", IntegerValue.of(200_000)))));
        assertEquals("1 day, 0:00:00.000001", text(call("timedelta", Map.of("hours", IntegerValue.of(24),
                "microseconds", IntegerValue.ONE))));
    }

    @Test
    void timedeltaRoundsToMicrosecondsHalfToEven() {
        assertEquals(TimedeltaValue.ofMicros(0), call("timedelta", Map.of("microseconds", new FloatValue(0.5))));
        assertEquals(TimedeltaValue.ofMicros(2), call("timedelta", Map.of("microseconds", new FloatValue(1.5))));
        assertEquals(TimedeltaValue.ofMicros(2), call("timedelta", Map.of("microseconds", new FloatValue(2.5))));
        assertEquals(TimedeltaValue.ofMicros(-2), call("timedelta", Map.of("microseconds", new FloatValue(-2.5))));
    }

    @Test
    void timedeltaHasTheRangeOfNineHundredNinetyNineMillionDays() {
        TimedeltaValue max = (TimedeltaValue) call("timedelta", IntegerValue.of(TimedeltaValue.MAX_DAYS));
        assertEquals(TimedeltaValue.MAX_DAYS, max.days());
        TimedeltaValue min = (TimedeltaValue) call("timedelta", IntegerValue.of(-TimedeltaValue.MAX_DAYS));
        assertEquals(-TimedeltaValue.MAX_DAYS, min.days());
        assertFails("timedelta: value out of range", () -> call("timedelta", IntegerValue.of(TimedeltaValue.MAX_DAYS + 1)));
        assertFails("timedelta: value out of range",
                () -> call("timedelta", IntegerValue.of(-TimedeltaValue.MAX_DAYS), IntegerValue.of(-1)));
        assertFails("timedelta: value out of range",
                () -> call("timedelta", Map.of("seconds", new FloatValue(Double.POSITIVE_INFINITY))));
        assertFails("timedelta: value out of range", () -> call("timedelta", new FloatValue(Double.NaN)));
    }

    @Test
    void timedeltaTakesNumbersOnly() {
        assertFails("timedelta: days must be an Integer or Float", () -> call("timedelta", s("1")));
        assertFails("timedelta: minutes must be an Integer or Float",
                () -> call("timedelta", Map.of("minutes", BooleanValue.TRUE)));
        assertFails("timedelta: microseconds must be an Integer or Float",
                () -> call("timedelta", Map.of("microseconds", NullValue.NULL)));
        assertError(ErrorCode.R_ARGUMENT, "timedelta: unexpected keyword argument 'weeks'",
                () -> call("timedelta", Map.of("weeks", IntegerValue.ONE)));
    }
}
