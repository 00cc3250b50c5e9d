package dev.kompira.core.error;

/** The run-time error codes of language.md §14.3. */
public enum ErrorCode {
    R_UNDEFINED, R_NOTFOUND, R_ATTRIBUTE, R_KEY, R_INDEX, R_SUBSCRIPT, R_TYPE, R_ZERO, R_COMPARE, R_VALUE,
    R_CALL, R_ARGUMENT, R_CALL_FAILED, R_PARAM, R_DEPTH, R_EXEC, R_ITERATE, R_EVENT, R_UPDATE, R_RANGE, R_REGEX,
    R_ENCODING, R_SESSION, R_CONTROL, R_PERMISSION, R_ABORT, R_ASSERT, R_STEP;

    /** Returns the code as the specification writes it, e.g. {@code R-CALL-FAILED}. */
    public String code() {
        return name().replace('_', '-');
    }
}
