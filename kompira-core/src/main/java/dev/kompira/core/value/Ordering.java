package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.dsl.ast.BinaryOperator;
import java.util.Arrays;
import java.util.List;

/** The ordering operators {@code < > <= >=} (language.md §7.8). */
public final class Ordering {

    private Ordering() {
    }

    /**
     * Returns whether {@code a op b} holds for an ordering operator; values that cannot be ordered
     * are {@code R-COMPARE}.
     */
    public static boolean test(BinaryOperator op, Value a, Value b) {
        if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
            return lexicographic(op, x.items(), y.items());
        }
        int c = compare(a, b);
        if (c == 2) {
            return false;
        }
        return switch (op) {
            case LT -> c < 0;
            case GT -> c > 0;
            case LE -> c <= 0;
            case GE -> c >= 0;
            default -> throw new IllegalArgumentException("not an ordering operator: " + op);
        };
    }

    private static boolean lexicographic(BinaryOperator op, List<Value> x, List<Value> y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            if (!Equality.equal(x.get(i), y.get(i))) {
                return test(op, x.get(i), y.get(i));
            }
        }
        int c = Integer.compare(x.size(), y.size());
        return switch (op) {
            case LT -> c < 0;
            case GT -> c > 0;
            case LE -> c <= 0;
            default -> c >= 0;
        };
    }

    /** Compares two orderable non-Array values: negative, zero, positive, or 2 for unordered NaN. */
    private static int compare(Value a, Value b) {
        if (Equality.isNumber(a) && Equality.isNumber(b)) {
            return Numbers.compare(a, b);
        }
        if (a instanceof StringValue x && b instanceof StringValue y) {
            return Integer.signum(compareCodePoints(x.value(), y.value()));
        }
        if (a instanceof BinaryValue x && b instanceof BinaryValue y) {
            return Integer.signum(Arrays.compareUnsigned(x.bytes(), y.bytes()));
        }
        if (a instanceof BooleanValue x && b instanceof BooleanValue y) {
            return Boolean.compare(x.truthy(), y.truthy());
        }
        if (a instanceof DatetimeValue x && b instanceof DatetimeValue y) {
            return x.value().toInstant().compareTo(y.value().toInstant());
        }
        if (a instanceof DateValue x && b instanceof DateValue y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof TimeValue x && b instanceof TimeValue y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof TimedeltaValue x && b instanceof TimedeltaValue y) {
            return x.totalMicros().compareTo(y.totalMicros());
        }
        throw new JobflowError(ErrorCode.R_COMPARE, "cannot compare '" + a.typeName() + "' and '" + b.typeName() + "'");
    }

    /** Compares two strings by code points (UTF-16 order differs above the BMP). */
    static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }
}
