package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.Value;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the write conversion (objects.md §3.7). */
class FieldConversionPropertiesTest {

    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000);
    private static final TestContext CTX = TestContext.standard();

    private static Value convert(String declaration, Value input) {
        return FieldType.parse(declaration).convert("f", input, CTX);
    }

    private static boolean same(Value a, Value b) {
        return a.typeName().equals(b.typeName()) && Equality.equal(a, b);
    }

    /** Any text, including whitespace, non-ASCII and surrogate pairs. */
    private static Gen<String> text() {
        return strings().allPossible().ofLengthBetween(0, 12).mix(strings().basicLatinAlphabet().ofLengthBetween(0, 12));
    }

    private static Gen<Double> finiteDoubles() {
        return doubles().any().assuming(Double::isFinite);
    }

    private static Gen<ZonedDateTime> datetimes() {
        Gen<Long> seconds = longs().between(-2_000_000_000L, 4_000_000_000L);
        Gen<Integer> micros = integers().between(0, 999_999);
        Gen<Integer> offsetMinutes = integers().between(-14 * 60, 14 * 60);
        return seconds.zip(micros, offsetMinutes, (s, m, o) -> ZonedDateTime.ofInstant(
                Instant.ofEpochSecond(s, m * 1000L), ZoneOffset.ofTotalSeconds(o * 60)));
    }

    private static Gen<Value> scalars() {
        Gen<Value> integers = longs().all().map(l -> (Value) IntegerValue.of(l))
                .mix(longs().all().map(l -> (Value) IntegerValue.of(BigInteger.valueOf(l).shiftLeft(64))));
        Gen<Value> floats = doubles().any().map(d -> (Value) new FloatValue(d));
        Gen<Value> bools = booleans().all().map(b -> (Value) BooleanValue.of(b));
        Gen<Value> dates = datetimes().map(d -> (Value) new DatetimeValue(d))
                .mix(datetimes().map(d -> (Value) new DateValue(d.toLocalDate())))
                .mix(datetimes().map(d -> (Value) new TimeValue(d.toLocalTime())));
        return integers.mix(floats).mix(bools).mix(dates).mix(text().map(s -> (Value) StringValue.of(s)));
    }

    /** Converting an already converted value gives it back unchanged, for every scalar kind. */
    @Test
    void conversionIsIdempotentForEveryScalarKind() {
        List<Case> cases = List.of(
                new Case("String", scalars()),
                new Case("LargeText#{\"strip\": true}", scalars()),
                new Case("Integer", longs().all().map(l -> (Value) StringValue.of(" " + l))),
                new Case("Float", finiteDoubles().map(d -> (Value) StringValue.of(Rendering.formatFloat(d)))),
                new Case("Boolean", integers().between(0, 1).map(i -> (Value) IntegerValue.of(i))),
                new Case("Enum", scalars()),
                new Case("IPAddress", ipv4().mix(ipv6())),
                new Case("EMail", strings().betweenCodePoints('!', '~').ofLengthBetween(1, 8).assuming(s -> !s.contains("@"))
                        .map(s -> (Value) StringValue.of(s + "@" + s))),
                new Case("URL", strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 6)
                        .map(s -> (Value) StringValue.of("HTTPS://" + s + ".example/" + s))),
                new Case("Binary", text().map(s -> (Value) StringValue.of(s))),
                new Case("Datetime", datetimes().map(d -> (Value) StringValue.of(Rendering.text(new DatetimeValue(d))))),
                new Case("Date", datetimes().map(d -> (Value) new DatetimeValue(d))),
                new Case("Time", datetimes().map(d -> (Value) StringValue.of(Rendering.text(new TimeValue(d.toLocalTime()))))),
                new Case("Object", integers().between(0, 2).map(i -> (Value) StringValue.of(List.of("/user/app/web1", "db1", "./db1").get(i)))));
        for (Case c : cases) {
            FieldType type = FieldType.parse(c.declaration());
            AtomicInteger converted = new AtomicInteger();
            qt().withExamples(EXAMPLES).forAll(c.inputs()).checkAssert(input -> {
                Value once;
                try {
                    once = type.convert("f", input, CTX);
                } catch (FieldValueException e) {
                    return;
                }
                converted.incrementAndGet();
                Value twice = type.convert("f", once, CTX);
                assertTrue(same(once, twice), c.declaration() + ": " + Rendering.nested(once) + " then " + Rendering.nested(twice));
            });
            assertTrue(converted.get() > 0, c.declaration() + ": no generated input converted");
        }
    }

    private record Case(String declaration, Gen<Value> inputs) {
    }

    private static Gen<Value> ipv4() {
        Gen<Integer> octet = integers().between(0, 255);
        return lists().of(octet).ofSize(4).map(parts -> (Value) StringValue.of(
                parts.get(0) + "." + parts.get(1) + "." + parts.get(2) + "." + parts.get(3)));
    }

    private static Gen<Value> ipv6() {
        return lists().of(integers().between(0, 0xffff)).ofSize(8).map(groups -> {
            StringBuilder text = new StringBuilder();
            for (int g : groups) {
                text.append(text.length() == 0 ? "" : ":").append(Integer.toHexString(g));
            }
            return (Value) StringValue.of(text.toString().toUpperCase(Locale.ROOT));
        });
    }

    /** Integer fields accept every long, as an Integer and as its decimal text with surrounding whitespace. */
    @Test
    void integerFieldsAcceptEveryLongAndItsDecimalString() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(0, 3)).checkAssert((l, spaces) -> {
            IntegerValue expected = IntegerValue.of(l);
            assertEquals(expected, convert("Integer", expected));
            String pad = " ".repeat(spaces);
            assertEquals(expected, convert("Integer", StringValue.of(pad + l + pad)));
            assertEquals(expected, convert("Integer", StringValue.of((l >= 0 ? "+" : "") + l)));
        });
    }

    /** Integers beyond 64 bits are R-RANGE, never silently truncated. */
    @Test
    void integerFieldsRefuseEveryValueBeyondSixtyFourBits() {
        qt().withExamples(EXAMPLES).forAll(longs().between(0, Long.MAX_VALUE), booleans().all()).checkAssert((l, negative) -> {
            BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).add(BigInteger.valueOf(l));
            BigInteger value = negative ? beyond.negate().subtract(BigInteger.ONE) : beyond;
            FieldValueException e = assertThrows(FieldValueException.class, () -> convert("Integer", IntegerValue.of(value)));
            assertEquals("value out of range for field 'f'", e.getMessage());
            assertThrows(FieldValueException.class, () -> convert("Integer", StringValue.of(value.toString())));
        });
    }

    /** A value is accepted exactly when it lies within the inclusive bounds. */
    @Test
    void boundsAcceptExactlyTheClosedInterval() {
        Gen<Long> small = longs().between(-1000, 1000);
        qt().withExamples(EXAMPLES).forAll(small, small, small).checkAssert((v, a, b) -> {
            long min = Math.min(a, b);
            long max = Math.max(a, b);
            String declaration = "Integer#{\"min_value\": " + min + ", \"max_value\": " + max + "}";
            boolean inside = min <= v && v <= max;
            try {
                assertEquals(IntegerValue.of(v), convert(declaration, IntegerValue.of(v)));
                assertTrue(inside, v + " outside " + declaration + " was accepted");
            } catch (FieldValueException e) {
                assertTrue(!inside, v + " inside " + declaration + " was refused: " + e.getMessage());
            }
        });
    }

    /** String fields accept the text form of any scalar (§3.7) and store exactly it. */
    @Test
    void stringFieldsAcceptTheTextFormOfAnyScalar() {
        qt().withExamples(EXAMPLES).forAll(scalars()).checkAssert(v ->
                assertEquals(StringValue.of(Rendering.text(v)), convert("String", v)));
    }

    /** Float fields read back the text form of every finite double exactly. */
    @Test
    void floatFieldsReadTheTextFormOfEveryFiniteDouble() {
        qt().withExamples(EXAMPLES).forAll(finiteDoubles()).checkAssert(d -> {
            assertEquals(new FloatValue(d), convert("Float", StringValue.of(Rendering.formatFloat(d))));
            assertEquals(new FloatValue(d), convert("Float", new FloatValue(d)));
        });
    }

    /** Datetime fields read back the text form of every Datetime as the same instant and offset. */
    @Test
    void datetimeFieldsReadTheTextFormOfEveryDatetime() {
        qt().withExamples(EXAMPLES).forAll(datetimes()).checkAssert(d -> {
            DatetimeValue value = new DatetimeValue(d);
            DatetimeValue read = (DatetimeValue) convert("Datetime", StringValue.of(Rendering.text(value)));
            assertEquals(value, read);
            assertEquals(d.getOffset(), read.value().getOffset());
            assertEquals(new DateValue(LocalDate.parse(Rendering.text(new DateValue(d.toLocalDate())))),
                    convert("Date", StringValue.of(d.toLocalDate().toString())));
            assertEquals(new TimeValue(d.toLocalTime()), convert("Time", StringValue.of(Rendering.text(new TimeValue(d.toLocalTime())))));
            assertEquals(new TimeValue(LocalTime.of(d.getHour(), d.getMinute())),
                    convert("Time", StringValue.of(String.format(Locale.ROOT, "%d:%02d", d.getHour(), d.getMinute()))));
        });
    }

    /** Binary fields take Arrays of octets as exactly those bytes. */
    @Test
    void binaryFieldsTakeOctetArrays() {
        qt().withExamples(EXAMPLES).forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 16)).checkAssert(octets -> {
            ArrayValue array = new ArrayValue();
            byte[] bytes = new byte[octets.size()];
            for (int k = 0; k < bytes.length; k++) {
                array.items().add(IntegerValue.of(octets.get(k)));
                bytes[k] = (byte) (int) octets.get(k);
            }
            assertEquals(BinaryValue.of(bytes), convert("Binary", array));
        });
    }

    /** Array fields convert element-wise: the result has the input's length and each element is the element conversion. */
    @Test
    void arrayFieldsConvertElementWise() {
        qt().withExamples(EXAMPLES).forAll(lists().of(longs().all()).ofSizeBetween(0, 8)).checkAssert(longs -> {
            ArrayValue input = new ArrayValue();
            longs.forEach(l -> input.items().add(StringValue.of(Long.toString(l))));
            ArrayValue stored = (ArrayValue) convert("Array<Integer>", input);
            assertEquals(longs.size(), stored.size());
            for (int k = 0; k < longs.size(); k++) {
                assertEquals(IntegerValue.of(longs.get(k)), stored.get(k));
            }
            assertTrue(same(stored, convert("Array<Integer>", stored)));
        });
    }

    /** Object fields store the same identity whether written as the object or as its path. */
    @Test
    void objectFieldsStoreTheIdentity() {
        qt().withExamples(100).forAll(integers().between(0, 1)).checkAssert(k -> {
            String path = k == 0 ? "/user/app/web1" : "/user/app/db1";
            ObjectRef ref = (ObjectRef) convert("Object", StringValue.of(path));
            assertEquals(ref, convert("Object", ref));
            assertEquals(StringValue.of(path), convert("String", ref));
        });
    }
}
