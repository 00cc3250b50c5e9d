package dev.kompira.core.transport;

import java.io.IOException;

/**
 * An open interactive session (language.md §9.9): what is sent goes to the shell's input as given;
 * what the shell writes (standard output and error) goes to the {@link Output} given when it was
 * opened. Thread-safe.
 */
public interface InteractiveSession extends AutoCloseable {

    /** Where a session's output goes, on a thread of the transport's. */
    interface Output {
        /** Bytes the shell wrote. */
        void received(byte[] bytes);

        /** The shell ended or the session was closed; nothing more will arrive. */
        void ended();
    }

    /** Writes {@code bytes} to the shell's input. */
    void send(byte[] bytes) throws IOException;

    /** Ends the session (the shell and what it runs are stopped); idempotent. */
    @Override
    void close();
}
