package dev.kompira.core.object;

import dev.kompira.dsl.Internal;
import java.util.function.Supplier;

/**
 * Who is writing on this thread, for the messages of store transactions (the Git store's commit
 * messages): the engine sets it while a process runs on a carrier thread, so that a commit says
 * which process and jobflow made the change. Thread-confined.
 */
@Internal
public final class WriteOrigin {

    private static final ThreadLocal<Supplier<String>> CURRENT = new ThreadLocal<>();

    private WriteOrigin() {
    }

    /** Makes {@code origin} describe the writes of this thread until {@link #clear}. */
    public static void set(Supplier<String> origin) {
        CURRENT.set(origin);
    }

    /** Forgets this thread's origin. */
    public static void clear() {
        CURRENT.remove();
    }

    /** Returns {@code message} followed, after a blank line, by the origin's description when there is one. */
    static String describe(String message) {
        Supplier<String> origin = CURRENT.get();
        return origin == null ? message : message + "\n\n" + origin.get();
    }
}
