package dev.kompira.python;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.kompira.core.library.LibraryCall;
import dev.kompira.core.library.LibraryFunction;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Every value a jobflow passes to Python comes back as the same value (objects.md §4.6), through a real worker. */
class PythonValuesPropertiesTest {

    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 300);
    private static PythonRuntime runtime;
    private static LibraryFunction same;

    @BeforeAll
    static void worker() {
        runtime = PythonRuntime.builder().workers(1).build();
        same = runtime.load("/same", "def same(x):\n    return x\n", false).functions().get("same");
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    private static Gen<Value> scalars() {
        Gen<Value> ints = longs().all().map(l -> (Value) IntegerValue.of(l))
                .mix(longs().all().map(l -> (Value) IntegerValue.of(BigInteger.valueOf(l).shiftLeft(80).add(BigInteger.TEN))));
        Gen<Value> floats = doubles().any().map(d -> (Value) new FloatValue(d));
        Gen<Value> texts = strings().allPossible().ofLengthBetween(0, 20).map(s -> (Value) StringValue.of(validUnicode(s)));
        Gen<Value> bytes = strings().ascii().ofLengthBetween(0, 10)
                .map(s -> (Value) BinaryValue.of(s.getBytes(StandardCharsets.ISO_8859_1)));
        Gen<Value> others = booleans().all().map(b -> (Value) BooleanValue.of(b))
                .mix(integers().between(0, 0).map(i -> (Value) NullValue.NULL));
        Gen<Value> times = longs().between(-2_000_000_000L, 4_000_000_000L).map(s -> (Value) new DatetimeValue(
                        Instant.ofEpochSecond(s, (s % 1000) * 1000).atZone(ZoneOffset.ofHours((int) Math.floorMod(s, 27) - 12))))
                .mix(integers().between(-100_000, 100_000).map(d -> (Value) new DateValue(LocalDate.ofEpochDay(d))))
                .mix(longs().between(0, 86_399_999_999L).map(us -> (Value) new TimeValue(LocalTime.ofNanoOfDay(us * 1000))))
                .mix(longs().between(-999_999_000L * TimedeltaValue.MICROS_PER_DAY / 1000, 999_999_000L
                        * (TimedeltaValue.MICROS_PER_DAY / 1000)).map(us -> (Value) TimedeltaValue.ofMicros(us)));
        return ints.mix(floats).mix(texts).mix(bytes).mix(others).mix(times);
    }

    /** Python strings hold code points; an unpaired surrogate of a Java string has no UTF-8 form. */
    private static String validUnicode(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static Gen<Value> values() {
        Gen<Value> arrays = lists().of(scalars()).ofSizeBetween(0, 5).map(items -> (Value) new ArrayValue(items));
        Gen<Value> dicts = lists().of(scalars()).ofSizeBetween(0, 5).map(PythonValuesPropertiesTest::dictionary);
        Gen<Value> nested = lists().of(arrays.mix(dicts)).ofSizeBetween(0, 3).map(items -> (Value) new ArrayValue(items));
        return scalars().mix(arrays).mix(dicts).mix(nested);
    }

    private static Value dictionary(List<Value> values) {
        DictionaryValue d = new DictionaryValue();
        for (int i = 0; i < values.size(); i++) {
            d.put(StringValue.of("k" + i), values.get(i));
        }
        return d;
    }

    @Test
    void aValueSentToPythonAndReturnedIsTheSameValue() {
        qt().withExamples(EXAMPLES).forAll(values()).checkAssert(v -> {
            Value back;
            try {
                back = same.start(new LibraryCall("/same", "same", 0, Arguments.of(v), text -> { })).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("passing " + PythonValues.toJson(v) + " failed: " + e, e);
            }
            assertTrue(same(v, back), PythonValues.toJson(v) + " came back as " + PythonValues.toJson(back));
        });
    }

    /** Whether two values are the same, type and all, deeply; not the codec's view, which could hide a loss. */
    private static boolean same(Value a, Value b) {
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof FloatValue x) {
            return Double.compare(x.value(), ((FloatValue) b).value()) == 0;
        }
        if (a instanceof ArrayValue x) {
            List<Value> ys = ((ArrayValue) b).snapshot();
            List<Value> xs = x.snapshot();
            return xs.size() == ys.size() && java.util.stream.IntStream.range(0, xs.size()).allMatch(i -> same(xs.get(i), ys.get(i)));
        }
        if (a instanceof DictionaryValue x) {
            var xs = x.entries();
            var ys = ((DictionaryValue) b).entries();
            return xs.size() == ys.size() && java.util.stream.IntStream.range(0, xs.size()).allMatch(i ->
                    same(xs.get(i).getKey(), ys.get(i).getKey()) && same(xs.get(i).getValue(), ys.get(i).getValue()));
        }
        if (a instanceof DatetimeValue x) {
            return x.value().equals(((DatetimeValue) b).value());
        }
        return a.equals(b);
    }
}
