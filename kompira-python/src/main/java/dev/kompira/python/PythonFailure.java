package dev.kompira.python;

/**
 * A call or load that failed on the Python side or in the worker: the message is what the job's
 * {@code $ERROR} (or the library's {@code document}) shows, {@code Type: message} for a Python
 * exception.
 */
final class PythonFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PythonFailure(String message) {
        super(message, null, false, false);
    }
}
