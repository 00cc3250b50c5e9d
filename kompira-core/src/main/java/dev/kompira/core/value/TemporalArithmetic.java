package dev.kompira.core.value;

/**
 * Arithmetic on Datetime, Date, Time and Timedelta values (language.md §4.14). Each method returns
 * Java {@code null} when the operand types are not a temporal combination, so that the caller can
 * report {@code R-TYPE}.
 */
final class TemporalArithmetic {

    private TemporalArithmetic() {
    }

    static Value add(Value a, Value b) {
        return null;
    }

    static Value subtract(Value a, Value b) {
        return null;
    }

    static Value multiply(Value a, Value b) {
        return null;
    }

    static Value divide(Value a, Value b) {
        return null;
    }
}
