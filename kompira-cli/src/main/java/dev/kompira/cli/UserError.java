package dev.kompira.cli;

/**
 * A problem the user can fix (a missing file, an unreadable encoding). The command prints its
 * message, without a stack trace, and exits with status 2.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
