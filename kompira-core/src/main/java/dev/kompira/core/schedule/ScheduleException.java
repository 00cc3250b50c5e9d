package dev.kompira.core.schedule;

/**
 * A Schedule's time fields do not describe when it fires: the message names the field and the
 * part that is wrong, e.g. {@code hour: 24 is out of range 0-23}.
 */
public final class ScheduleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public ScheduleException(String message) {
        super(message);
    }
}
