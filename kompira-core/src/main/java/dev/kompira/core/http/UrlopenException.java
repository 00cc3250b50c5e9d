package dev.kompira.core.http;

/**
 * A request that could not be made or answered; the message is the detail of
 * {@code $ERROR = 'urlopen: <detail>'} (builtins.md §2).
 */
public final class UrlopenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the failure with {@code detail}, the text after {@code urlopen: }. */
    public UrlopenException(String detail) {
        super(detail, null, false, false);
    }
}
