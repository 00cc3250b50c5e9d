package dev.kompira.core.value;

import java.math.BigInteger;

/**
 * An integer of unbounded size (language.md §4.2). Values that fit a {@code long} are held as one
 * (the fast path every arithmetic operation tries first); larger ones as a {@link BigInteger}.
 * The representation is canonical: a value that fits a {@code long} never holds a BigInteger.
 */
public final class IntegerValue implements Value {

    private static final int CACHE_LOW = -128;
    private static final int CACHE_HIGH = 1024;
    private static final IntegerValue[] CACHE = new IntegerValue[CACHE_HIGH - CACHE_LOW + 1];
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new IntegerValue(i + CACHE_LOW, null);
        }
    }

    /** Zero. */
    public static final IntegerValue ZERO = of(0);
    /** One. */
    public static final IntegerValue ONE = of(1);

    private final long small;
    private final BigInteger big;

    private IntegerValue(long small, BigInteger big) {
        this.small = small;
        this.big = big;
    }

    /** Returns the Integer {@code n}. */
    public static IntegerValue of(long n) {
        if (n >= CACHE_LOW && n <= CACHE_HIGH) {
            return CACHE[(int) n - CACHE_LOW];
        }
        return new IntegerValue(n, null);
    }

    /** Returns the Integer {@code n}, on the fast path when it fits a {@code long}. */
    public static IntegerValue of(BigInteger n) {
        if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            return of(n.longValue());
        }
        return new IntegerValue(0, n);
    }

    /** Returns whether the value fits a {@code long}. */
    public boolean fitsLong() {
        return big == null;
    }

    /** Returns the value as a {@code long}; only meaningful when {@link #fitsLong()}. */
    public long longValue() {
        return big == null ? small : big.longValue();
    }

    /** Returns the value as a BigInteger. */
    public BigInteger bigValue() {
        return big == null ? BigInteger.valueOf(small) : big;
    }

    /** Returns whether the value fits an {@code int} (for indexes and counts). */
    public boolean fitsInt() {
        return big == null && small == (int) small;
    }

    /** Returns the sign: -1, 0 or 1. */
    public int signum() {
        return big == null ? Long.signum(small) : big.signum();
    }

    /** Returns the nearest double, or an infinity when the value is too large for one. */
    public double doubleValue() {
        return big == null ? (double) small : big.doubleValue();
    }

    /** Returns {@code this + other}. */
    public IntegerValue add(IntegerValue other) {
        if (big == null && other.big == null) {
            long r = small + other.small;
            if (((small ^ r) & (other.small ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(bigValue().add(other.bigValue()));
    }

    /** Returns {@code this - other}. */
    public IntegerValue subtract(IntegerValue other) {
        if (big == null && other.big == null) {
            long r = small - other.small;
            if (((small ^ other.small) & (small ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(bigValue().subtract(other.bigValue()));
    }

    /** Returns {@code this * other}. */
    public IntegerValue multiply(IntegerValue other) {
        if (big == null && other.big == null) {
            long hi = Math.multiplyHigh(small, other.small);
            long lo = small * other.small;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return of(lo);
            }
        }
        return of(bigValue().multiply(other.bigValue()));
    }

    /** Returns the remainder of floored division; the caller has checked that {@code other} is not zero. */
    public IntegerValue floorMod(IntegerValue other) {
        if (big == null && other.big == null) {
            return of(Math.floorMod(small, other.small));
        }
        BigInteger m = bigValue().mod(other.bigValue().abs());
        if (other.signum() < 0 && m.signum() != 0) {
            m = m.add(other.bigValue());
        }
        return of(m);
    }

    /** Returns {@code -this}. */
    public IntegerValue negate() {
        if (big == null && small != Long.MIN_VALUE) {
            return of(-small);
        }
        return of(bigValue().negate());
    }

    /** Compares numerically with {@code other}. */
    public int compareTo(IntegerValue other) {
        if (big == null && other.big == null) {
            return Long.compare(small, other.small);
        }
        return bigValue().compareTo(other.bigValue());
    }

    @Override
    public String typeName() {
        return "Integer";
    }

    @Override
    public boolean truthy() {
        return signum() != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegerValue i && compareTo(i) == 0;
    }

    @Override
    public int hashCode() {
        return big == null ? Long.hashCode(small) : big.hashCode();
    }

    @Override
    public String toString() {
        return big == null ? Long.toString(small) : big.toString();
    }
}
