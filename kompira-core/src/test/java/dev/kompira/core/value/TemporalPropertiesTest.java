package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.kompira.core.value.temporal.TemporalFormat;
import dev.kompira.core.value.temporal.TemporalParser;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of Timedelta normalisation and arithmetic, and of formatting and parsing, on random values. */
class TemporalPropertiesTest {

    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000);
    private static final BigInteger MICROS_PER_DAY = BigInteger.valueOf(TimedeltaValue.MICROS_PER_DAY);
    private static final long HALF_RANGE_DAYS = TimedeltaValue.MAX_DAYS / 2;

    /**
     * Microsecond counts within half the Timedelta range (so that a sum of two stays in range), built
     * from a day count and an offset of up to ±10 days so that the remainder is often negative.
     */
    private static Gen<BigInteger> halfRangeMicros() {
        return longs().between(-HALF_RANGE_DAYS + 10, HALF_RANGE_DAYS - 10)
                .zip(longs().between(-10 * TimedeltaValue.MICROS_PER_DAY, 10 * TimedeltaValue.MICROS_PER_DAY),
                        (days, offset) -> BigInteger.valueOf(days).multiply(MICROS_PER_DAY).add(BigInteger.valueOf(offset)));
    }

    @Test
    void timedeltaIsNormalised() {
        qt().withExamples(EXAMPLES).forAll(halfRangeMicros()).checkAssert(micros -> {
            TimedeltaValue t = TimedeltaValue.ofMicros(micros);
            assertTrue(t.seconds() >= 0 && t.seconds() < 86_400, () -> "seconds " + t.seconds());
            assertTrue(t.microseconds() >= 0 && t.microseconds() < 1_000_000, () -> "microseconds " + t.microseconds());
            BigInteger recomposed = BigInteger.valueOf(t.days()).multiply(MICROS_PER_DAY)
                    .add(BigInteger.valueOf(t.seconds() * 1_000_000L + t.microseconds()));
            assertEquals(micros, recomposed);
            assertEquals(micros, t.totalMicros());
        });
    }

    @Test
    void subtractingWhatWasAddedGivesTheTimedeltaBack() {
        qt().withExamples(EXAMPLES).forAll(halfRangeMicros(), halfRangeMicros()).checkAssert((x, y) -> {
            TimedeltaValue a = TimedeltaValue.ofMicros(x);
            TimedeltaValue b = TimedeltaValue.ofMicros(y);
            assertEquals(a, Operators.subtract(Operators.add(a, b), b));
            assertEquals(Operators.negate(Operators.subtract(b, a)), Operators.subtract(a, b));
        });
    }

    @Test
    void parsingAFormattedDatetimeGivesTheInstantBack() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        // From 1970 on: earlier Paris offsets have seconds (local mean time), which %z cannot read.
        long max = Instant.parse("9999-12-30T00:00:00Z").getEpochSecond() * 1_000_000L;
        String format = "%Y-%m-%d %H:%M:%S.%f%z";
        qt().withExamples(EXAMPLES).forAll(longs().between(0, max)).checkAssert(epochMicros -> {
            Instant instant = Instant.ofEpochSecond(epochMicros / 1_000_000L, epochMicros % 1_000_000L * 1000);
            ZonedDateTime value = ZonedDateTime.ofInstant(instant, paris);
            String text = TemporalFormat.format(value, format);
            ZonedDateTime parsed = TemporalParser.parse(text, format, paris).orElseThrow().atZone(paris);
            assertEquals(instant, parsed.toInstant(), text);
        });
    }
}
