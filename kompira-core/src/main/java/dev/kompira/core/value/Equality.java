package dev.kompira.core.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The language's {@code ==} (language.md §7.8) and a hash code consistent with it, used for
 * Dictionary keys (D33). Numbers compare numerically across Integer and Float; values of other
 * different types are never equal.
 */
public final class Equality {

    private Equality() {
    }

    /** Returns whether {@code a == b} in the language. */
    public static boolean equal(Value a, Value b) {
        if (a == b) {
            return !(a instanceof FloatValue f && Double.isNaN(f.value()));
        }
        if (isNumber(a) && isNumber(b)) {
            return Numbers.compare(a, b) == 0;
        }
        if (a instanceof Materializable lazy) {
            return equal(lazy.materialize(), b instanceof Materializable other ? other.materialize() : b);
        }
        if (b instanceof Materializable lazy) {
            return equal(a, lazy.materialize());
        }
        if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
            return equalLists(x.items(), y.items());
        }
        if (a instanceof DictionaryValue x && b instanceof DictionaryValue y) {
            return equalDictionaries(x, y);
        }
        return a.equals(b);
    }

    private static boolean equalLists(List<Value> x, List<Value> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!equal(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalDictionaries(DictionaryValue x, DictionaryValue y) {
        if (x.size() != y.size()) {
            return false;
        }
        List<Map.Entry<Value, Value>> xs = x.entries();
        List<Map.Entry<Value, Value>> ys = y.entries();
        for (int i = 0; i < xs.size(); i++) {
            if (!equal(xs.get(i).getKey(), ys.get(i).getKey()) || !equal(xs.get(i).getValue(), ys.get(i).getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Returns a hash code consistent with {@link #equal} for values usable as Dictionary keys. */
    public static int hash(Value v) {
        if (v instanceof IntegerValue i) {
            return i.hashCode();
        }
        if (v instanceof FloatValue f) {
            double d = f.value();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                return Double.hashCode(d);
            }
            BigInteger exact = new BigDecimal(d).toBigInteger();
            return IntegerValue.of(exact).hashCode();
        }
        return v.hashCode();
    }

    /** Returns whether {@code v} is an Integer or a Float. */
    public static boolean isNumber(Value v) {
        return v instanceof IntegerValue || v instanceof FloatValue;
    }
}
