package dev.kompira.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Moves what an interactive session's shell writes to its {@link InteractiveSession.Output}. Stateless. */
public final class SessionStreams {

    private SessionStreams() {
    }

    /**
     * Delivers what {@code from} yields until it ends or fails; when {@code ends} (the stream whose
     * end is the session's), then says the session ended. Blocks: run it on a thread of its own.
     */
    public static void pump(InputStream from, InteractiveSession.Output output, boolean ends) {
        byte[] buffer = new byte[8192];
        try (from) {
            for (int n; (n = from.read(buffer)) >= 0;) {
                if (n > 0) {
                    output.received(Arrays.copyOf(buffer, n));
                }
            }
        } catch (IOException closed) {
            // the session was closed while reading: that is its end
        } finally {
            if (ends) {
                output.ended();
            }
        }
    }
}
