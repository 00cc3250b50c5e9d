package dev.kompira.ssh;

/**
 * A connection or login that failed: unreachable, refused, bad credentials, a host key not accepted,
 * a timeout while connecting. Its message is the reason a jobflow sees in {@code $ERROR}.
 */
final class LoginFailure extends Exception {

    private static final long serialVersionUID = 1L;

    LoginFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
