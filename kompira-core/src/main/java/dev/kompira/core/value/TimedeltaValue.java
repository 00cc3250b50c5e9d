package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.math.BigInteger;

/**
 * A signed duration with microsecond resolution (language.md §4.14), normalised as Python's
 * timedelta: {@code days} carries the sign, {@code seconds} (0–86399) and {@code microseconds}
 * (0–999999) never do. Held as days plus microseconds of the day, because the allowed range
 * (±999 999 999 days) does not fit a {@code long} count of microseconds.
 *
 * @param days           whole days, negative for negative durations
 * @param microsOfDay    microseconds after {@code days}, 0 to 86 399 999 999
 */
public record TimedeltaValue(long days, long microsOfDay) implements Value {

    /** Microseconds in one day. */
    public static final long MICROS_PER_DAY = 86_400_000_000L;
    /** The largest magnitude in days (as Python's timedelta). */
    public static final long MAX_DAYS = 999_999_999L;
    /** The zero duration. */
    public static final TimedeltaValue ZERO = new TimedeltaValue(0, 0);

    private static final BigInteger BIG_MICROS_PER_DAY = BigInteger.valueOf(MICROS_PER_DAY);

    /** Checks the normalisation. */
    public TimedeltaValue {
        if (microsOfDay < 0 || microsOfDay >= MICROS_PER_DAY) {
            throw new IllegalArgumentException("microseconds of day out of range: " + microsOfDay);
        }
        if (days < -MAX_DAYS || days > MAX_DAYS) {
            throw new JobflowError(ErrorCode.R_VALUE, "timedelta value out of range");
        }
    }

    /** Returns the duration of {@code micros} microseconds; out of range is {@code R-VALUE}. */
    public static TimedeltaValue ofMicros(BigInteger micros) {
        BigInteger[] qr = micros.divideAndRemainder(BIG_MICROS_PER_DAY);
        BigInteger days = qr[0];
        BigInteger rest = qr[1];
        if (rest.signum() < 0) {
            days = days.subtract(BigInteger.ONE);
            rest = rest.add(BIG_MICROS_PER_DAY);
        }
        if (days.abs().compareTo(BigInteger.valueOf(MAX_DAYS)) > 0) {
            throw new JobflowError(ErrorCode.R_VALUE, "timedelta value out of range");
        }
        return new TimedeltaValue(days.longValue(), rest.longValue());
    }

    /** Returns the duration of {@code micros} microseconds. */
    public static TimedeltaValue ofMicros(long micros) {
        return new TimedeltaValue(Math.floorDiv(micros, MICROS_PER_DAY), Math.floorMod(micros, MICROS_PER_DAY));
    }

    /** Returns the whole duration in microseconds. */
    public BigInteger totalMicros() {
        return BigInteger.valueOf(days).multiply(BIG_MICROS_PER_DAY).add(BigInteger.valueOf(microsOfDay));
    }

    /** Returns the whole seconds after {@link #days()}, 0–86399. */
    public long seconds() {
        return microsOfDay / 1_000_000L;
    }

    /** Returns the microseconds after {@link #seconds()}, 0–999999. */
    public long microseconds() {
        return microsOfDay % 1_000_000L;
    }

    @Override
    public String typeName() {
        return "Timedelta";
    }

    @Override
    public boolean truthy() {
        return days != 0 || microsOfDay != 0;
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
