package dev.kompira.core.store;

/**
 * A write that breaks a rule of the object tree; the transaction is rolled back. The message names
 * the object path and the rule, e.g. {@code /user/app: name 'a b' is not a valid object name}.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its user-facing message. */
    public StoreException(String message) {
        super(message, null, false, false);
    }

    /** Creates the exception caused by a failure of the storage itself (I/O). */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
