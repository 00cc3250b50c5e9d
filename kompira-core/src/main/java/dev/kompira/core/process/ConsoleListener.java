package dev.kompira.core.process;

/**
 * Receives console output as processes produce it (language.md §12.5). Called on the process's
 * carrier thread, in output order for each process; implementations must be quick and thread-safe
 * when they listen to several processes.
 */
@FunctionalInterface
public interface ConsoleListener {

    /** Receives {@code text} (one or more whole lines, each ending in a line feed) written by process {@code pid}. */
    void output(long pid, String text);
}
