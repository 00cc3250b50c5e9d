package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.temporal.TemporalLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * Arithmetic on Datetime, Date, Time and Timedelta values (language.md §4.14). Each method returns
 * Java {@code null} when the operand types are not a temporal combination, so that the caller can
 * report {@code R-TYPE}. Results outside the Timedelta range are {@code R-VALUE}
 * ({@link TimedeltaValue#ofMicros(BigInteger)}), dates outside years 1–9999 too
 * ({@link TemporalLimits}).
 */
final class TemporalArithmetic {

    private static final BigInteger MICROS_PER_SECOND = BigInteger.valueOf(1_000_000L);
    /** Enough digits that rounding a quotient to a double is not affected by the decimal rounding. */
    private static final MathContext QUOTIENT_PRECISION = new MathContext(40, RoundingMode.HALF_EVEN);

    private TemporalArithmetic() {
    }

    /** {@code a + b}: Datetime/Date + Timedelta (either order) or Timedelta + Timedelta. */
    static Value add(Value a, Value b) {
        if (a instanceof TimedeltaValue x && b instanceof TimedeltaValue y) {
            return TimedeltaValue.ofMicros(x.totalMicros().add(y.totalMicros()));
        }
        if (a instanceof TimedeltaValue delta && !(b instanceof TimedeltaValue)) {
            return add(b, delta);
        }
        if (a instanceof DatetimeValue d && b instanceof TimedeltaValue delta) {
            return shift(d, delta.days(), delta.microsOfDay());
        }
        if (a instanceof DateValue d && b instanceof TimedeltaValue delta) {
            return shift(d, delta.days());
        }
        return null;
    }

    /**
     * {@code a - b}: Datetime/Date − Timedelta, Timedelta − Timedelta, Datetime − Datetime (by
     * instants, D39) and Date − Date (whole days).
     */
    static Value subtract(Value a, Value b) {
        if (a instanceof TimedeltaValue x && b instanceof TimedeltaValue y) {
            return TimedeltaValue.ofMicros(x.totalMicros().subtract(y.totalMicros()));
        }
        if (a instanceof DatetimeValue d && b instanceof TimedeltaValue delta) {
            return shift(d, -delta.days(), -delta.microsOfDay());
        }
        if (a instanceof DateValue d && b instanceof TimedeltaValue delta) {
            // As Python: the negated whole days, so date - timedelta(hours=1) is the same date.
            return shift(d, -delta.days());
        }
        if (a instanceof DatetimeValue x && b instanceof DatetimeValue y) {
            Duration elapsed = Duration.between(y.value().toInstant(), x.value().toInstant());
            return TimedeltaValue.ofMicros(BigInteger.valueOf(elapsed.getSeconds()).multiply(MICROS_PER_SECOND)
                    .add(BigInteger.valueOf(elapsed.getNano() / 1000)));
        }
        if (a instanceof DateValue x && b instanceof DateValue y) {
            long days = x.value().toEpochDay() - y.value().toEpochDay();
            return new TimedeltaValue(days, 0);
        }
        return null;
    }

    /** {@code a * b}: Timedelta × number in either order, rounded to microseconds half to even. */
    static Value multiply(Value a, Value b) {
        if (a instanceof TimedeltaValue delta && Equality.isNumber(b)) {
            Fraction factor = Fraction.of(b);
            return TimedeltaValue.ofMicros(roundHalfEven(delta.totalMicros().multiply(factor.numerator()),
                    factor.denominator()));
        }
        if (b instanceof TimedeltaValue && Equality.isNumber(a)) {
            return multiply(b, a);
        }
        return null;
    }

    /**
     * {@code a / b}: Timedelta / number (rounded to microseconds half to even) or
     * Timedelta / Timedelta (a Float); a zero divisor is {@code R-ZERO}.
     */
    static Value divide(Value a, Value b) {
        if (a instanceof TimedeltaValue delta && Equality.isNumber(b)) {
            Fraction divisor = Fraction.of(b);
            if (divisor.numerator().signum() == 0) {
                throw zero();
            }
            return TimedeltaValue.ofMicros(roundHalfEven(delta.totalMicros().multiply(divisor.denominator()),
                    divisor.numerator()));
        }
        if (a instanceof TimedeltaValue x && b instanceof TimedeltaValue y) {
            if (!y.truthy()) {
                throw zero();
            }
            return new FloatValue(quotient(x.totalMicros(), y.totalMicros()));
        }
        return null;
    }

    /** Returns {@code numerator / denominator} as the nearest double (used for {@code total_seconds} too). */
    static double quotient(BigInteger numerator, BigInteger denominator) {
        if (numerator.bitLength() <= 53 && denominator.bitLength() <= 53) {
            // Both are exact doubles, and IEEE division rounds the exact quotient correctly.
            return numerator.doubleValue() / denominator.doubleValue();
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), QUOTIENT_PRECISION).doubleValue();
    }

    /**
     * D39: wall-clock arithmetic in the value's zone. The local date-time is shifted; a local time
     * that falls into a DST gap moves forward by the gap, an ambiguous one takes the earlier offset.
     */
    private static DatetimeValue shift(DatetimeValue d, long days, long micros) {
        LocalDateTime local = d.value().toLocalDateTime().plusDays(days).plusNanos(micros * 1000);
        checkRange(local.toLocalDate());
        return new DatetimeValue(ZonedDateTime.ofLocal(local, d.value().getZone(), null));
    }

    private static DateValue shift(DateValue d, long days) {
        LocalDate date = d.value().plusDays(days);
        checkRange(date);
        return new DateValue(date);
    }

    private static void checkRange(LocalDate date) {
        if (!TemporalLimits.contains(date)) {
            throw new JobflowError(ErrorCode.R_VALUE, "date value out of range");
        }
    }

    /** Returns {@code numerator / denominator} rounded to an integer, ties to even. */
    private static BigInteger roundHalfEven(BigInteger numerator, BigInteger denominator) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();
    }

    private static JobflowError zero() {
        return new JobflowError(ErrorCode.R_ZERO, "division by zero");
    }

    /**
     * A number as an exact fraction with a positive denominator, so that a Timedelta scaled by a
     * Float is rounded once, from the exact product (as Python's {@code as_integer_ratio}).
     */
    private record Fraction(BigInteger numerator, BigInteger denominator) {

        static Fraction of(Value number) {
            if (number instanceof IntegerValue i) {
                return new Fraction(i.bigValue(), BigInteger.ONE);
            }
            double d = ((FloatValue) number).value();
            if (!Double.isFinite(d)) {
                throw new JobflowError(ErrorCode.R_VALUE, "cannot use " + Rendering.text(number) + " in Timedelta arithmetic");
            }
            BigDecimal exact = new BigDecimal(d);
            if (exact.scale() <= 0) {
                return new Fraction(exact.toBigIntegerExact(), BigInteger.ONE);
            }
            return new Fraction(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
        }
    }
}
