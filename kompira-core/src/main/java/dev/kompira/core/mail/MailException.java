package dev.kompira.core.mail;

import java.io.Serial;

/**
 * A mail that cannot be built, sent or parsed, with a message for the user: the engine prefixes it
 * with the built-in's name ({@code mailto: <message>}, {@code mail_parse: <message>}).
 */
public final class MailException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public MailException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
