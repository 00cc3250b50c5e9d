package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.kompira.dsl.ast.BinaryOperator;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the value semantics (language.md §4.2, §7.6–§7.8, D33). */
class ValueSemanticsPropertiesTest {

    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000);

    /** Integers around the long boundaries and beyond, where the fast path must hand over to BigInteger. */
    private static Gen<BigInteger> integersNearOverflow() {
        Gen<BigInteger> small = longs().all().map(BigInteger::valueOf);
        Gen<BigInteger> edge = integers().between(-3, 3).map(d -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(d)));
        Gen<BigInteger> negativeEdge = integers().between(-3, 3).map(d -> BigInteger.valueOf(Long.MIN_VALUE).add(BigInteger.valueOf(d)));
        Gen<BigInteger> big = longs().all().map(l -> BigInteger.valueOf(l).shiftLeft(70).add(BigInteger.valueOf(l)));
        return small.mix(edge).mix(negativeEdge).mix(big);
    }

    @Test
    void integerArithmeticIsExactOnBothPaths() {
        qt().withExamples(EXAMPLES).forAll(integersNearOverflow(), integersNearOverflow()).checkAssert((a, b) -> {
            IntegerValue x = IntegerValue.of(a);
            IntegerValue y = IntegerValue.of(b);
            assertEquals(a.add(b), x.add(y).bigValue());
            assertEquals(a.subtract(b), x.subtract(y).bigValue());
            assertEquals(a.multiply(b), x.multiply(y).bigValue());
            assertEquals(a.negate(), x.negate().bigValue());
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(x.compareTo(y)));
            if (b.signum() != 0) {
                BigInteger floorMod = a.mod(b.abs());
                if (b.signum() < 0 && floorMod.signum() != 0) {
                    floorMod = floorMod.add(b);
                }
                assertEquals(floorMod, x.floorMod(y).bigValue());
            }
            assertEquals(x.fitsLong(), a.bitLength() < 64);
        });
    }

    @Test
    void equalNumbersHashAlikeWhateverTheirType() {
        Gen<Value> numbers = longs().between(-1L << 60, 1L << 60).map(l -> (Value) IntegerValue.of(l))
                .mix(doubles().any().map(d -> (Value) new FloatValue(d)))
                .mix(integers().between(-1000, 1000).map(i -> (Value) new FloatValue(i)));
        qt().withExamples(EXAMPLES).forAll(numbers, numbers).checkAssert((a, b) -> {
            if (Equality.equal(a, b)) {
                assertEquals(Equality.hash(a), Equality.hash(b), a + " == " + b);
            }
            assertEquals(Equality.equal(a, b), Equality.equal(b, a));
        });
    }

    @Test
    void anIntegerAndTheFloatOfTheSameValueAreOneDictionaryKey() {
        qt().withExamples(EXAMPLES).forAll(integers().between(-1_000_000, 1_000_000)).checkAssert(i -> {
            DictionaryValue d = new DictionaryValue();
            d.put(IntegerValue.of(i), StringValue.of("int"));
            d.put(new FloatValue(i), StringValue.of("float"));
            assertEquals(1, d.size());
            assertEquals(StringValue.of("float"), d.get(IntegerValue.of(i)));
            assertEquals(IntegerValue.of(i), d.keys().get(0));
        });
    }

    @Test
    void orderingOfNumbersIsAntisymmetricAndAgreesWithEquality() {
        Gen<Value> numbers = longs().between(-1000, 1000).map(l -> (Value) IntegerValue.of(l))
                .mix(doubles().between(-1000, 1000).map(d -> (Value) new FloatValue(d)));
        qt().withExamples(EXAMPLES).forAll(numbers, numbers).checkAssert((a, b) -> {
            boolean lt = Ordering.test(BinaryOperator.LT, a, b);
            boolean gt = Ordering.test(BinaryOperator.GT, a, b);
            boolean eq = Equality.equal(a, b);
            assertTrue((lt ? 1 : 0) + (gt ? 1 : 0) + (eq ? 1 : 0) == 1, a + " vs " + b);
            assertEquals(lt || eq, Ordering.test(BinaryOperator.LE, a, b));
        });
    }

    @Test
    void similarityIsSymmetric() {
        Gen<Value> values = integers().between(-5, 5).map(i -> (Value) IntegerValue.of(i))
                .mix(integers().between(-5, 5).map(i -> (Value) StringValue.of(Integer.toString(i))))
                .mix(integers().between(-5, 5).map(i -> (Value) PatternValue.of(dev.kompira.dsl.ast.PatternKind.GLOB, i + "*", false)));
        qt().withExamples(EXAMPLES).forAll(values, values).checkAssert((a, b) ->
                assertEquals(Operators.similar(a, b), Operators.similar(b, a), a + " =~ " + b));
    }
}
