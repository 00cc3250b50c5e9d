package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.math.BigDecimal;

/** Numeric helpers shared by the operators: comparison and conversion across Integer and Float. */
final class Numbers {

    private Numbers() {
    }

    /**
     * Compares two numbers exactly (an Integer and a Float are compared by value, not by converting
     * the Integer). NaN compares as unordered: the result is then 2, which no caller treats as equal.
     */
    static int compare(Value a, Value b) {
        if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
            return x.compareTo(y);
        }
        double da = a instanceof FloatValue f ? f.value() : Double.NaN;
        double db = b instanceof FloatValue f ? f.value() : Double.NaN;
        if (a instanceof FloatValue && b instanceof FloatValue) {
            return Double.isNaN(da) || Double.isNaN(db) ? 2 : Double.compare(da == 0 ? 0.0 : da, db == 0 ? 0.0 : db);
        }
        double d = a instanceof FloatValue ? da : db;
        IntegerValue i = (IntegerValue) (a instanceof IntegerValue ? a : b);
        if (Double.isNaN(d)) {
            return 2;
        }
        int c;
        if (Double.isInfinite(d)) {
            c = d > 0 ? -1 : 1;
        } else {
            c = new BigDecimal(i.bigValue()).compareTo(new BigDecimal(d));
        }
        return a instanceof IntegerValue ? c : -c;
    }

    /** Returns the double value of a number; an Integer too large for a Float is {@code R-VALUE}. */
    static double toDouble(Value v) {
        if (v instanceof FloatValue f) {
            return f.value();
        }
        double d = ((IntegerValue) v).doubleValue();
        if (Double.isInfinite(d)) {
            throw new JobflowError(ErrorCode.R_VALUE, "integer too large to convert to float");
        }
        return d;
    }
}
