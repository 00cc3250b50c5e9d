package dev.kompira.core.object.types;

import dev.kompira.core.error.ErrorCode;
import java.util.Objects;

/**
 * A value that cannot be written to a field (objects.md §3.7). The message names the field and the
 * broken rule, e.g. {@code field 'port': 70000 is greater than max_value 65535}; the object layer
 * prefixes the object path. The code is {@link ErrorCode#R_RANGE} for an Integer or Float that does
 * not fit the field at all (language.md §14.3, D25: message {@code value out of range for field 'f'}),
 * {@link ErrorCode#R_UPDATE} for every other rule.
 */
public final class FieldValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;

    /** Creates the exception for field {@code field} with its complete user-facing message. */
    public FieldValueException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
    }

    /** Returns the run-time error code the failed write maps to. */
    public ErrorCode code() {
        return code;
    }

    /** Returns the name of the field that was written. */
    public String field() {
        return field;
    }
}
