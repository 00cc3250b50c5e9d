package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.dsl.Internal;
import dev.kompira.dsl.ast.BinaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic, similarity and membership operators (language.md §7.5–§7.10). Logical
 * operators and comparison chains short-circuit and so live in the compiler; this class evaluates
 * one operator on two values.
 */
@Internal
public final class Operators {

    private Operators() {
    }

    /** Applies a non-short-circuit binary operator. */
    public static Value binary(BinaryOperator op, Value a, Value b) {
        return switch (op) {
            case ADD -> add(a, b);
            case SUBTRACT -> subtract(a, b);
            case MULTIPLY -> multiply(a, b);
            case DIVIDE -> divide(a, b);
            case REMAINDER -> remainder(a, b);
            case EQ -> BooleanValue.of(Equality.equal(a, b));
            case NE -> BooleanValue.of(!Equality.equal(a, b));
            case LT, GT, LE, GE -> BooleanValue.of(Ordering.test(op, a, b));
            case MATCH -> BooleanValue.of(similar(a, b));
            case NOT_MATCH -> BooleanValue.of(!similar(a, b));
            case IN -> BooleanValue.of(contains(b, a));
            case NOT_IN -> BooleanValue.of(!contains(b, a));
            case AND, OR -> throw new IllegalArgumentException(op + " short-circuits and is compiled, not applied");
        };
    }

    /** {@code a + b}. */
    public static Value add(Value a, Value b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            return x.add(y); // the most frequent sum (a counter), tested first: one class check each
        }
        if (a instanceof Materializable lazy) {
            return add(lazy.materialize(), b instanceof Materializable other ? other.materialize() : b);
        }
        if (b instanceof Materializable lazy && a instanceof ArrayValue) {
            return add(a, lazy.materialize());
        }
        Value sum = arithmetic(a, b, IntegerValue::add, Double::sum);
        if (sum != null) {
            return sum;
        }
        if (a instanceof StringValue x && b instanceof StringValue y) {
            return StringValue.of(x.value() + y.value());
        }
        if (a instanceof BinaryValue x && b instanceof BinaryValue y) {
            byte[] xs = x.bytes();
            byte[] ys = y.bytes();
            byte[] r = java.util.Arrays.copyOf(xs, xs.length + ys.length);
            System.arraycopy(ys, 0, r, xs.length, ys.length);
            return BinaryValue.of(r);
        }
        if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
            List<Value> items = new ArrayList<>(x.items());
            items.addAll(y.items());
            return new ArrayValue(items);
        }
        Value temporal = TemporalArithmetic.add(a, b);
        if (temporal != null) {
            return temporal;
        }
        throw unsupported("+", a, b);
    }

    /** {@code a - b}. */
    public static Value subtract(Value a, Value b) {
        Value difference = arithmetic(a, b, IntegerValue::subtract, (x, y) -> x - y);
        if (difference != null) {
            return difference;
        }
        Value temporal = TemporalArithmetic.subtract(a, b);
        if (temporal != null) {
            return temporal;
        }
        throw unsupported("-", a, b);
    }

    /** {@code a * b}. */
    public static Value multiply(Value a, Value b) {
        Value product = arithmetic(a, b, IntegerValue::multiply, (x, y) -> x * y);
        if (product != null) {
            return product;
        }
        if (b instanceof IntegerValue n && !(a instanceof IntegerValue)) {
            Value repeated = repeat(a, n);
            if (repeated != null) {
                return repeated;
            }
        }
        if (a instanceof IntegerValue n) {
            Value repeated = repeat(b, n);
            if (repeated != null) {
                return repeated;
            }
        }
        Value temporal = TemporalArithmetic.multiply(a, b);
        if (temporal != null) {
            return temporal;
        }
        throw unsupported("*", a, b);
    }

    /**
     * Applies a numeric operator: exactly on two Integers, in floating point when a Float is
     * involved; Java null when an operand is not a number.
     */
    private static Value arithmetic(Value a, Value b, java.util.function.BinaryOperator<IntegerValue> exact,
            java.util.function.DoubleBinaryOperator approximate) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            return exact.apply(x, y);
        }
        if (Equality.isNumber(a) && Equality.isNumber(b)) {
            return new FloatValue(approximate.applyAsDouble(Numbers.toDouble(a), Numbers.toDouble(b)));
        }
        return null;
    }

    private static Value repeat(Value v, IntegerValue n) {
        int times = n.signum() <= 0 ? 0 : count(n);
        if (v instanceof StringValue s) {
            checkSize((long) s.value().length() * times);
            return StringValue.of(s.value().repeat(times));
        }
        if (v instanceof BinaryValue b) {
            checkSize((long) b.length() * times);
            byte[] src = b.bytes();
            byte[] r = new byte[src.length * times];
            for (int i = 0; i < times; i++) {
                System.arraycopy(src, 0, r, i * src.length, src.length);
            }
            return BinaryValue.of(r);
        }
        if (v instanceof ArrayValue a) {
            checkSize((long) a.size() * times);
            List<Value> items = new ArrayList<>(a.size() * times);
            for (int i = 0; i < times; i++) {
                items.addAll(a.items());
            }
            return new ArrayValue(items);
        }
        return null;
    }

    private static int count(IntegerValue n) {
        if (!n.fitsInt()) {
            throw new JobflowError(ErrorCode.R_VALUE, "repetition count too large: " + n);
        }
        return (int) n.longValue();
    }

    private static void checkSize(long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new JobflowError(ErrorCode.R_VALUE, "result of repetition too large (" + size + " elements)");
        }
    }

    /** {@code a / b}: always a Float for numbers (D63). */
    public static Value divide(Value a, Value b) {
        if (Equality.isNumber(a) && Equality.isNumber(b)) {
            double y = Numbers.toDouble(b);
            if (y == 0) {
                throw zero();
            }
            if (a instanceof IntegerValue x && b instanceof IntegerValue yi && !(x.fitsLong() && yi.fitsLong())) {
                return new FloatValue(new java.math.BigDecimal(x.bigValue())
                        .divide(new java.math.BigDecimal(yi.bigValue()), java.math.MathContext.DECIMAL64).doubleValue());
            }
            return new FloatValue(Numbers.toDouble(a) / y);
        }
        Value temporal = TemporalArithmetic.divide(a, b);
        if (temporal != null) {
            return temporal;
        }
        throw unsupported("/", a, b);
    }

    /** {@code a % b}: floored remainder for numbers, template expansion for a String and a mapping. */
    public static Value remainder(Value a, Value b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            if (y.signum() == 0) {
                throw zero();
            }
            return x.floorMod(y);
        }
        if (Equality.isNumber(a) && Equality.isNumber(b)) {
            double x = Numbers.toDouble(a);
            double y = Numbers.toDouble(b);
            if (y == 0) {
                throw zero();
            }
            double r = x % y;
            if (r != 0 && (r < 0) != (y < 0)) {
                r += y;
            }
            return new FloatValue(r);
        }
        if (a instanceof StringValue template && b instanceof DictionaryValue mapping) {
            return StringValue.of(Templates.expand(template.value(), name -> mapping.get(name)));
        }
        throw unsupported("%", a, b);
    }

    /** Unary {@code -v}. */
    public static Value negate(Value v) {
        if (v instanceof IntegerValue i) {
            return i.negate();
        }
        if (v instanceof FloatValue f) {
            return new FloatValue(-f.value());
        }
        if (v instanceof TimedeltaValue t) {
            return TimedeltaValue.ofMicros(t.totalMicros().negate());
        }
        throw new JobflowError(ErrorCode.R_TYPE, "bad operand type for unary -: '" + v.typeName() + "'");
    }

    /** Unary {@code +v}. */
    public static Value plus(Value v) {
        if (Equality.isNumber(v) || v instanceof TimedeltaValue) {
            return v;
        }
        throw new JobflowError(ErrorCode.R_TYPE, "bad operand type for unary +: '" + v.typeName() + "'");
    }

    /** {@code a =~ b} (D65). */
    public static boolean similar(Value a, Value b) {
        boolean pa = a instanceof PatternValue;
        boolean pb = b instanceof PatternValue;
        if (pa != pb) {
            return pa ? ((PatternValue) a).matches(b) : ((PatternValue) b).matches(a);
        }
        boolean sa = a instanceof StringValue;
        boolean sb = b instanceof StringValue;
        if (sa != sb) {
            return Rendering.text(a).equals(Rendering.text(b));
        }
        if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!similar(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof DictionaryValue x && b instanceof DictionaryValue y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<Value, Value> e : x.entries()) {
                Value other = y.get(e.getKey());
                if (other == null || !similar(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return Equality.equal(a, b);
    }

    /** {@code x in container} (D66). */
    public static boolean contains(Value container, Value x) {
        if (container instanceof ArrayValue a) {
            for (Value item : a.items()) {
                if (Equality.equal(item, x)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof StringValue s) {
            if (x instanceof StringValue sub) {
                return s.value().contains(sub.value());
            }
            throw new JobflowError(ErrorCode.R_TYPE, "'in <String>' requires a String as left operand, not " + x.typeName());
        }
        if (container instanceof BinaryValue b) {
            if (x instanceof BinaryValue sub) {
                return indexOf(b.bytes(), sub.bytes()) >= 0;
            }
            throw new JobflowError(ErrorCode.R_TYPE, "'in <Binary>' requires a Binary as left operand, not " + x.typeName());
        }
        if (container instanceof DictionaryValue d) {
            return !(x instanceof ArrayValue || x instanceof DictionaryValue) && d.containsKey(x);
        }
        if (container instanceof Container c) {
            return c.containsMember(x);
        }
        throw new JobflowError(ErrorCode.R_TYPE, "argument of type '" + container.typeName() + "' is not a container");
    }

    /** Returns the first index of {@code needle} in {@code hay}, or -1. */
    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static JobflowError zero() {
        return new JobflowError(ErrorCode.R_ZERO, "division by zero");
    }

    /** Returns the {@code R-TYPE} error for an operator applied to the wrong types. */
    public static JobflowError unsupported(String op, Value a, Value b) {
        return new JobflowError(ErrorCode.R_TYPE,
                "unsupported operand types for " + op + ": '" + a.typeName() + "' and '" + b.typeName() + "'");
    }
}
