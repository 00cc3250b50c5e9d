package dev.kompira.core.transport;

/** How opening an interactive session ended. */
public sealed interface SessionOpening {

    /** The session is open. */
    record Opened(InteractiveSession session) implements SessionOpening {
    }

    /** It could not be opened; {@code reason} is for {@code $ERROR} ({@code $STATUS = -1}). */
    record Refused(String reason) implements SessionOpening {
    }
}
