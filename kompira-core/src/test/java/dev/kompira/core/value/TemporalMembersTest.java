package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The properties and methods of language.md §4.14, reached through {@link Members}. */
class TemporalMembersTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** language.md §5.6 and Appendix A: Saturday 2024-03-09 07:05:03 in Asia/Tokyo. */
    private static final DatetimeValue EXAMPLE = new DatetimeValue(ZonedDateTime.of(2024, 3, 9, 7, 5, 3, 0, TOKYO));

    private static Value get(Value target, String name) {
        return Members.attribute(target, name);
    }

    private static String text(Value v) {
        return Rendering.text(v);
    }

    private static Value call(Value receiver, String name, Value... arguments) {
        return Members.call(receiver, name, Arguments.of(arguments));
    }

    private static void assertError(ErrorCode code, String message, Executable action) {
        JobflowError e = assertThrows(JobflowError.class, action);
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
    }

    @Test
    void datetimeHasItsDateAndTimeFields() {
        assertEquals("2024-03-09 07:05:03+09:00", text(EXAMPLE));
        assertEquals(IntegerValue.of(2024), get(EXAMPLE, "year"));
        assertEquals(IntegerValue.of(3), get(EXAMPLE, "month"));
        assertEquals(IntegerValue.of(9), get(EXAMPLE, "day"));
        assertEquals(IntegerValue.of(7), get(EXAMPLE, "hour"));
        assertEquals(IntegerValue.of(5), get(EXAMPLE, "minute"));
        assertEquals(IntegerValue.of(3), get(EXAMPLE, "second"));
        assertEquals(IntegerValue.of(5), get(EXAMPLE, "weekday"));
    }

    @Test
    void datetimeHasItsDateAndTimeParts() {
        // language.md §5.6.
        assertEquals("2024-03-09", text(get(EXAMPLE, "date")));
        assertEquals("07:05:03", text(get(EXAMPLE, "time")));
        DatetimeValue utc = new DatetimeValue(ZonedDateTime.of(2024, 3, 9, 7, 5, 3, 120_000_000, ZoneOffset.UTC));
        assertEquals("2024-03-09 07:05:03.120000+00:00", text(utc));
        assertEquals("07:05:03.120000", text(get(utc, "time")));
        assertEquals(new DateValue(LocalDate.of(2024, 3, 9)), get(utc, "date"));
    }

    @Test
    void partsAreTakenInTheValuesOwnZone() {
        DatetimeValue lateInTokyo = new DatetimeValue(ZonedDateTime.of(2024, 3, 9, 23, 0, 0, 0, TOKYO));
        assertEquals(IntegerValue.of(9), get(lateInTokyo, "day"));
        assertEquals(IntegerValue.of(23), get(lateInTokyo, "hour"));
    }

    @Test
    void dateAndTimeHaveTheirOwnFieldsOnly() {
        DateValue date = new DateValue(LocalDate.of(2024, 2, 29));
        assertEquals(IntegerValue.of(2024), get(date, "year"));
        assertEquals(IntegerValue.of(2), get(date, "month"));
        assertEquals(IntegerValue.of(29), get(date, "day"));
        assertEquals(IntegerValue.of(3), get(date, "weekday"));
        TimeValue time = new TimeValue(LocalTime.of(23, 59, 58));
        assertEquals(IntegerValue.of(23), get(time, "hour"));
        assertEquals(IntegerValue.of(59), get(time, "minute"));
        assertEquals(IntegerValue.of(58), get(time, "second"));
        assertError(ErrorCode.R_ATTRIBUTE, "Date value has no attribute 'hour'", () -> get(date, "hour"));
        assertError(ErrorCode.R_ATTRIBUTE, "Time value has no attribute 'year'", () -> get(time, "year"));
        assertError(ErrorCode.R_ATTRIBUTE, "Datetime value has no attribute 'microsecond'", () -> get(EXAMPLE, "microsecond"));
        assertNull(TemporalMembers.property(time, "weekday"));
        assertNull(TemporalMembers.property(StringValue.of("x"), "year"));
    }

    @Test
    void weekdayCountsFromMonday() {
        LocalDate monday = LocalDate.of(2024, 4, 1);
        for (int i = 0; i < 7; i++) {
            assertEquals(IntegerValue.of(i), get(new DateValue(monday.plusDays(i)), "weekday"));
        }
    }

    @Test
    void timedeltaIsNormalisedWithNonNegativeSecondsAndMicroseconds() {
        TimedeltaValue minusFive = TimedeltaValue.ofMicros(-5_000_000);
        assertEquals(IntegerValue.of(-1), get(minusFive, "days"));
        assertEquals(IntegerValue.of(86395), get(minusFive, "seconds"));
        assertEquals(IntegerValue.of(0), get(minusFive, "microseconds"));
        assertEquals(new FloatValue(-5.0), get(minusFive, "total_seconds"));
        TimedeltaValue mixed = TimedeltaValue.ofMicros(((2 * 86_400L + 3_723) * 1_000_000L) + 250_000);
        assertEquals(IntegerValue.of(2), get(mixed, "days"));
        assertEquals(IntegerValue.of(3723), get(mixed, "seconds"));
        assertEquals(IntegerValue.of(250_000), get(mixed, "microseconds"));
        assertEquals(new FloatValue(176_523.25), get(mixed, "total_seconds"));
        assertError(ErrorCode.R_ATTRIBUTE, "Timedelta value has no attribute 'format'", () -> get(mixed, "format"));
    }

    @Test
    void timedeltaRendersAsInSection55() {
        assertEquals("0:00:05", text(TimedeltaValue.ofMicros(5_000_000)));
        assertEquals("1 day, 2:03:04", text(TimedeltaValue.ofMicros((86_400L + 7_384) * 1_000_000L)));
        assertEquals("-1 day, 23:59:55", text(TimedeltaValue.ofMicros(-5_000_000)));
        assertEquals("2 days, 0:00:00.500000", text(TimedeltaValue.ofMicros(2 * 86_400_000_000L + 500_000)));
    }

    @Test
    void formatMethodsUseTheDirectivesOfAppendixA() {
        assertEquals(StringValue.of("Sat 09/03/2024 07:05"), call(EXAMPLE, "format", StringValue.of("%a %d/%m/%Y %H:%M")));
        DateValue date = new DateValue(LocalDate.of(2024, 3, 9));
        assertEquals(StringValue.of("2024-03-09 00:00 []"), call(date, "format", StringValue.of("%F %H:%M [%z]")));
        TimeValue time = new TimeValue(LocalTime.of(7, 5, 3));
        assertEquals(StringValue.of("1900-01-01 07:05:03 []"), call(time, "format", StringValue.of("%F %T [%Z]")));
        assertEquals(StringValue.of("2024-03-08T22:05:03Z"), call(EXAMPLE, "isoformat"));
    }

    @Test
    void methodsCanBeNamedWithoutACall() {
        assertEquals(new MethodValue(EXAMPLE, "format"), get(EXAMPLE, "format"));
        assertEquals(new MethodValue(EXAMPLE, "isoformat"), get(EXAMPLE, "isoformat"));
        assertTrue(Members.hasMethod(new TimeValue(LocalTime.NOON), "format"));
        assertFalse(Members.hasMethod(new DateValue(LocalDate.EPOCH), "isoformat"));
        assertError(ErrorCode.R_ATTRIBUTE, "Date value has no attribute 'isoformat'",
                () -> get(new DateValue(LocalDate.EPOCH), "isoformat"));
    }

    @Test
    void methodArgumentsAreChecked() {
        assertError(ErrorCode.R_ARGUMENT, "format: missing argument 'fmt'", () -> call(EXAMPLE, "format"));
        assertError(ErrorCode.R_ARGUMENT, "format: too many arguments",
                () -> call(EXAMPLE, "format", StringValue.of("%Y"), StringValue.of("%m")));
        assertError(ErrorCode.R_ARGUMENT, "isoformat: too many arguments", () -> call(EXAMPLE, "isoformat", IntegerValue.ONE));
        assertError(ErrorCode.R_TYPE, "expected String, got Integer", () -> call(EXAMPLE, "format", IntegerValue.ONE));
        assertEquals(StringValue.of("2024"),
                Members.call(EXAMPLE, "format", new Arguments(List.of(), Map.of("fmt", StringValue.of("%Y")))));
    }
}
