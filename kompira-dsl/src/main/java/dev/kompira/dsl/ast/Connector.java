package dev.kompira.dsl.ast;

/**
 * The four connectors between jobs and what each does after a failed job (language.md §10.2).
 * A command-class failure has {@code $STATUS >= 1}; an access-class failure {@code $STATUS < 0}.
 */
public enum Connector {
    /** {@code ->}: continue only after success. */
    ARROW("->", false, false),
    /** {@code =>}: also continue after a command-class failure. */
    FAT_ARROW("=>", true, false),
    /** {@code ->>}: also continue after an access-class failure. */
    LONG_ARROW("->>", false, true),
    /** {@code =>>}: continue after either kind of failure. */
    LONG_FAT_ARROW("=>>", true, true);

    private final String symbol;
    private final boolean continuesAfterCommandFailure;
    private final boolean continuesAfterAccessFailure;

    Connector(String symbol, boolean commandFailure, boolean accessFailure) {
        this.symbol = symbol;
        this.continuesAfterCommandFailure = commandFailure;
        this.continuesAfterAccessFailure = accessFailure;
    }

    /** Returns how the connector is written. */
    public String symbol() {
        return symbol;
    }

    /** Returns whether the next job runs after a job that ended with {@code $STATUS >= 1}. */
    public boolean continuesAfterCommandFailure() {
        return continuesAfterCommandFailure;
    }

    /** Returns whether the next job runs after a job that ended with {@code $STATUS < 0}. */
    public boolean continuesAfterAccessFailure() {
        return continuesAfterAccessFailure;
    }

    /** Returns whether the next job runs after a job that ended with {@code status}. */
    public boolean continuesAfter(long status) {
        if (status == 0) {
            return true;
        }
        return status > 0 ? continuesAfterCommandFailure : continuesAfterAccessFailure;
    }
}
