package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The date/time arithmetic of language.md §4.14 and D39. */
class TemporalArithmeticTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static DatetimeValue datetime(int y, int mo, int d, int h, int mi, ZoneId zone) {
        return new DatetimeValue(ZonedDateTime.of(y, mo, d, h, mi, 0, 0, zone));
    }

    private static DateValue date(int y, int m, int d) {
        return new DateValue(LocalDate.of(y, m, d));
    }

    private static TimedeltaValue delta(Duration d) {
        return TimedeltaValue.ofMicros(d.getSeconds() * 1_000_000L + d.getNano() / 1000);
    }

    private static TimedeltaValue micros(long micros) {
        return TimedeltaValue.ofMicros(micros);
    }

    private static String text(Value v) {
        return Rendering.text(v);
    }

    private static void assertError(ErrorCode code, String message, Executable action) {
        JobflowError e = assertThrows(JobflowError.class, action);
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
    }

    @Test
    void addsATimedeltaToADatetimeAcrossMidnight() {
        // language.md §4.14: 2024-03-31 23:30:00 + 45 min in Asia/Tokyo.
        DatetimeValue start = datetime(2024, 3, 31, 23, 30, TOKYO);
        Value end = Operators.add(start, delta(Duration.ofMinutes(45)));
        assertEquals("2024-04-01 00:15:00+09:00", text(end));
        Value elapsed = Operators.subtract(end, start);
        assertEquals("0:45:00", text(elapsed));
        assertEquals(end, Operators.add(delta(Duration.ofMinutes(45)), start));
        assertEquals(start, Operators.subtract(end, delta(Duration.ofMinutes(45))));
    }

    @Test
    void addsWallClockTimeAcrossADaylightSavingChange() {
        DatetimeValue saturdayNoon = datetime(2024, 3, 30, 12, 0, PARIS);
        Value sundayNoon = Operators.add(saturdayNoon, delta(Duration.ofDays(1)));
        assertEquals("2024-03-31 12:00:00+02:00", text(sundayNoon));
        // The difference of two Datetimes is the exact elapsed time: that day had 23 hours.
        assertEquals("23:00:00", text(Operators.subtract(sundayNoon, saturdayNoon)));
    }

    @Test
    void movesAWallClockTimeInAGapForward() {
        DatetimeValue beforeGap = datetime(2024, 3, 31, 1, 30, PARIS);
        Value shifted = Operators.add(beforeGap, delta(Duration.ofHours(1)));
        assertEquals("2024-03-31 03:30:00+02:00", text(shifted));
        assertEquals("1:00:00", text(Operators.subtract(shifted, beforeGap)));
    }

    @Test
    void takesTheEarlierOffsetInAnOverlap() {
        DatetimeValue beforeOverlap = datetime(2024, 10, 27, 1, 30, PARIS);
        Value shifted = Operators.add(beforeOverlap, delta(Duration.ofHours(1)));
        assertEquals("2024-10-27 02:30:00+02:00", text(shifted));
        DatetimeValue laterOffset = new DatetimeValue(
                ZonedDateTime.ofStrict(beforeOverlap.value().toLocalDateTime().plusHours(1), ZoneOffset.ofHours(1), PARIS));
        assertEquals("2024-10-27 02:30:00+01:00", text(laterOffset));
        assertEquals("2024-10-27 01:30:00+02:00", text(Operators.subtract(laterOffset, delta(Duration.ofHours(1)))));
    }

    @Test
    void keepsAFixedOffsetZone() {
        DatetimeValue utc = new DatetimeValue(ZonedDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC));
        assertEquals("2024-05-01 13:00:00.000001+00:00",
                text(Operators.add(utc, delta(Duration.ofHours(1).plusNanos(1000)))));
    }

    @Test
    void subtractsDatetimesOfDifferentZonesByInstant() {
        DatetimeValue tokyo = datetime(2024, 7, 1, 9, 30, TOKYO);
        DatetimeValue utc = datetime(2024, 7, 1, 0, 30, ZoneOffset.UTC);
        assertEquals(TimedeltaValue.ZERO, Operators.subtract(tokyo, utc));
        assertEquals("-1 day, 15:00:00", text(Operators.subtract(datetime(2024, 7, 1, 0, 30, TOKYO), utc)));
    }

    @Test
    void usesOnlyTheWholeDaysOfATimedeltaForDates() {
        DateValue day = date(2024, 2, 28);
        assertEquals(date(2024, 2, 29), Operators.add(day, delta(Duration.ofHours(47))));
        assertEquals(date(2024, 3, 1), Operators.add(delta(Duration.ofDays(2)), day));
        // Normalised, minus one hour is -1 day + 23 hours: adding it moves to the previous day.
        assertEquals(date(2024, 2, 27), Operators.add(day, delta(Duration.ofHours(-1))));
        // Subtraction negates the whole days (as Python): one hour removes no day.
        assertEquals(day, Operators.subtract(day, delta(Duration.ofHours(1))));
        assertEquals(date(2024, 2, 26), Operators.subtract(day, delta(Duration.ofDays(2))));
    }

    @Test
    void subtractsDatesToWholeDays() {
        assertEquals("2 days, 0:00:00", text(Operators.subtract(date(2024, 3, 1), date(2024, 2, 28))));
        assertEquals("-1 day, 0:00:00", text(Operators.subtract(date(2023, 12, 31), date(2024, 1, 1))));
    }

    @Test
    void addsNegatesAndSubtractsTimedeltas() {
        TimedeltaValue a = micros(1_500_000);
        TimedeltaValue b = micros(-2_000_000);
        assertEquals(micros(-500_000), Operators.add(a, b));
        assertEquals(micros(3_500_000), Operators.subtract(a, b));
        assertEquals("-1 day, 23:59:58.500000", text(Operators.negate(a)));
        assertEquals(a, Operators.plus(a));
    }

    @Test
    void multipliesByIntegersExactly() {
        TimedeltaValue day = delta(Duration.ofDays(1));
        assertEquals("3 days, 0:00:00", text(Operators.multiply(day, IntegerValue.of(3))));
        assertEquals("-3 days, 0:00:00", text(Operators.multiply(IntegerValue.of(-3), day)));
    }

    @Test
    void roundsProductsWithFloatsHalfToEven() {
        assertEquals(micros(0), Operators.multiply(micros(1), new FloatValue(0.5)));
        assertEquals(micros(2), Operators.multiply(micros(3), new FloatValue(0.5)));
        assertEquals(micros(2), Operators.multiply(new FloatValue(0.5), micros(5)));
        assertEquals(micros(-2), Operators.multiply(micros(-3), new FloatValue(0.5)));
        // 0.1 is slightly more than a tenth; the exact product still rounds to 100 000 µs.
        assertEquals(micros(100_000), Operators.multiply(micros(1_000_000), new FloatValue(0.1)));
        assertEquals("1 day, 12:00:00", text(Operators.multiply(delta(Duration.ofDays(1)), new FloatValue(1.5))));
    }

    @Test
    void roundsQuotientsHalfToEven() {
        assertEquals(micros(2), Operators.divide(micros(5), IntegerValue.of(2)));
        assertEquals(micros(4), Operators.divide(micros(7), IntegerValue.of(2)));
        assertEquals(micros(-4), Operators.divide(micros(7), IntegerValue.of(-2)));
        assertEquals(micros(0), Operators.divide(micros(1), new FloatValue(3.0)));
        assertEquals(micros(10), Operators.divide(micros(5), new FloatValue(0.5)));
        assertEquals("0:20:00", text(Operators.divide(delta(Duration.ofHours(1)), IntegerValue.of(3))));
    }

    @Test
    void dividesTimedeltasToAFloat() {
        assertEquals(new FloatValue(2.5), Operators.divide(delta(Duration.ofMinutes(5)), delta(Duration.ofMinutes(2))));
        assertEquals(new FloatValue(-1.0 / 3), Operators.divide(micros(-1), micros(3)));
        TimedeltaValue huge = new TimedeltaValue(TimedeltaValue.MAX_DAYS, 0);
        assertEquals(new FloatValue(TimedeltaValue.MAX_DAYS), Operators.divide(huge, delta(Duration.ofDays(1))));
    }

    @Test
    void reportsDivisionByZero() {
        TimedeltaValue hour = delta(Duration.ofHours(1));
        assertError(ErrorCode.R_ZERO, "division by zero", () -> Operators.divide(hour, IntegerValue.ZERO));
        assertError(ErrorCode.R_ZERO, "division by zero", () -> Operators.divide(hour, new FloatValue(-0.0)));
        assertError(ErrorCode.R_ZERO, "division by zero", () -> Operators.divide(hour, TimedeltaValue.ZERO));
    }

    @Test
    void reportsResultsOutOfRange() {
        TimedeltaValue max = new TimedeltaValue(TimedeltaValue.MAX_DAYS, TimedeltaValue.MICROS_PER_DAY - 1);
        assertError(ErrorCode.R_VALUE, "timedelta value out of range", () -> Operators.add(max, micros(1)));
        assertError(ErrorCode.R_VALUE, "timedelta value out of range", () -> Operators.multiply(max, IntegerValue.of(2)));
        assertError(ErrorCode.R_VALUE, "date value out of range",
                () -> Operators.add(date(9999, 12, 31), delta(Duration.ofDays(1))));
        assertError(ErrorCode.R_VALUE, "date value out of range",
                () -> Operators.subtract(datetime(1, 1, 1, 0, 0, TOKYO), micros(1)));
        assertError(ErrorCode.R_VALUE, "date value out of range", () -> Operators.add(date(2024, 1, 1), max));
    }

    @Test
    void reportsNonFiniteFloats() {
        TimedeltaValue hour = delta(Duration.ofHours(1));
        assertError(ErrorCode.R_VALUE, "cannot use inf in Timedelta arithmetic",
                () -> Operators.multiply(hour, new FloatValue(Double.POSITIVE_INFINITY)));
        assertError(ErrorCode.R_VALUE, "cannot use nan in Timedelta arithmetic",
                () -> Operators.divide(hour, new FloatValue(Double.NaN)));
    }

    @Test
    void leavesOtherCombinationsToTheCaller() {
        DatetimeValue dt = datetime(2024, 7, 1, 9, 30, TOKYO);
        DateValue d = date(2024, 7, 1);
        TimeValue t = new TimeValue(LocalTime.NOON);
        TimedeltaValue td = delta(Duration.ofHours(1));
        assertNull(TemporalArithmetic.add(dt, dt));
        assertNull(TemporalArithmetic.add(dt, d));
        assertNull(TemporalArithmetic.add(t, td));
        assertNull(TemporalArithmetic.add(td, IntegerValue.ONE));
        assertNull(TemporalArithmetic.subtract(td, dt));
        assertNull(TemporalArithmetic.subtract(d, dt));
        assertNull(TemporalArithmetic.subtract(t, t));
        assertNull(TemporalArithmetic.multiply(td, td));
        assertNull(TemporalArithmetic.multiply(td, BooleanValue.TRUE));
        assertNull(TemporalArithmetic.divide(IntegerValue.ONE, td));
        assertNull(TemporalArithmetic.divide(dt, IntegerValue.ONE));
    }

    @Test
    void otherCombinationsAreTypeErrors() {
        DatetimeValue dt = datetime(2024, 7, 1, 9, 30, TOKYO);
        TimedeltaValue td = delta(Duration.ofHours(1));
        assertError(ErrorCode.R_TYPE, "unsupported operand types for +: 'Datetime' and 'Datetime'",
                () -> Operators.add(dt, dt));
        assertError(ErrorCode.R_TYPE, "unsupported operand types for -: 'Timedelta' and 'Date'",
                () -> Operators.subtract(td, date(2024, 7, 1)));
        assertError(ErrorCode.R_TYPE, "unsupported operand types for *: 'Timedelta' and 'Boolean'",
                () -> Operators.multiply(td, BooleanValue.TRUE));
        assertError(ErrorCode.R_TYPE, "unsupported operand types for /: 'Integer' and 'Timedelta'",
                () -> Operators.divide(IntegerValue.ONE, td));
        assertError(ErrorCode.R_TYPE, "unsupported operand types for +: 'Time' and 'Timedelta'",
                () -> Operators.add(new TimeValue(LocalTime.NOON), td));
    }

    @Test
    void quotientRoundsToTheNearestDouble() {
        assertEquals(0.1, TemporalArithmetic.quotient(BigInteger.ONE, BigInteger.TEN));
        // Beyond 2^53 the operands are not exact doubles; the quotient must still be the nearest one.
        BigInteger scale = BigInteger.TEN.pow(22);
        assertEquals(3.0 / 7, TemporalArithmetic.quotient(BigInteger.valueOf(3).multiply(scale),
                BigInteger.valueOf(7).multiply(scale)));
        assertEquals(1.0, TemporalArithmetic.quotient(scale.add(BigInteger.ONE), scale));
    }
}
