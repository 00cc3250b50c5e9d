package dev.kompira.core.builtin;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/** Property: {@code json_parse(json_dump(v)) == v} for every JSON-able value, in every layout. */
class JsonRoundTripTest {

    private static final int MAX_DEPTH = 3;
    private static final int MAX_SIZE = 4;

    private static final Gen<Integer> KINDS = integers().between(0, 6);
    private static final Gen<Integer> SIZES = integers().between(0, MAX_SIZE);
    private static final Gen<Integer> CODE_POINTS = integers().between(0, Character.MAX_CODE_POINT);
    private static final Gen<Long> LONGS = longs().all();
    private static final Gen<Double> DOUBLES = doubles().any();
    private static final Gen<Boolean> BOOLEANS = booleans().all();

    /** Layouts: ensure_ascii, and an indent of null, a count or a String. */
    private static final List<Object[]> LAYOUTS = List.of(
            new Object[] {true, null}, new Object[] {false, null}, new Object[] {true, "  "},
            new Object[] {false, "\t"}, new Object[] {true, ""});

    @Test
    void dumpThenParseGivesAnEqualValue() {
        qt().withExamples(500).forAll(value(MAX_DEPTH), integers().between(0, LAYOUTS.size() - 1))
                .checkAssert((v, layout) -> {
                    boolean ensureAscii = (Boolean) LAYOUTS.get(layout)[0];
                    String indent = (String) LAYOUTS.get(layout)[1];
                    String json = JsonFunctions.dump(v, ensureAscii, indent);
                    Value back = JsonFunctions.parse(json, true);
                    if (!Equality.equal(v, back)) {
                        throw new AssertionError(Rendering.nested(v) + " came back as " + Rendering.nested(back)
                                + " via " + json);
                    }
                });
    }

    private static Gen<Value> value(int depth) {
        return in -> generate(in, depth);
    }

    private static Value generate(RandomnessSource in, int depth) {
        int kind = KINDS.generate(in);
        if (depth == 0 && kind >= 5) {
            kind -= 5;
        }
        switch (kind) {
            case 0:
                return scalar(in);
            case 1:
                return integer(in);
            case 2:
                return finiteOrInfinite(DOUBLES.generate(in));
            case 3:
                return StringValue.of(string(in));
            case 4:
                return BooleanValue.of(BOOLEANS.generate(in));
            case 5:
                return array(in, depth);
            default:
                return dictionary(in, depth);
        }
    }

    private static Value scalar(RandomnessSource in) {
        return BOOLEANS.generate(in) ? NullValue.NULL : IntegerValue.of(LONGS.generate(in));
    }

    /** An Integer that may exceed a {@code long}. */
    private static Value integer(RandomnessSource in) {
        BigInteger high = BigInteger.valueOf(LONGS.generate(in));
        return IntegerValue.of(high.shiftLeft(64).add(BigInteger.valueOf(LONGS.generate(in))));
    }

    /** NaN is never equal to itself, so it is replaced by an infinity (still a non-finite JSON literal). */
    private static Value finiteOrInfinite(double d) {
        return new FloatValue(Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d);
    }

    private static String string(RandomnessSource in) {
        int[] codePoints = new int[SIZES.generate(in) * 2];
        Arrays.setAll(codePoints, i -> CODE_POINTS.generate(in));
        return new String(codePoints, 0, codePoints.length);
    }

    private static Value array(RandomnessSource in, int depth) {
        int size = SIZES.generate(in);
        List<Value> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(generate(in, depth - 1));
        }
        return new ArrayValue(items);
    }

    private static Value dictionary(RandomnessSource in, int depth) {
        int size = SIZES.generate(in);
        DictionaryValue d = new DictionaryValue();
        for (int i = 0; i < size; i++) {
            d.put(string(in), generate(in, depth - 1));
        }
        return d;
    }
}
