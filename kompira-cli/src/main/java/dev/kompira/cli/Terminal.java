package dev.kompira.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;

/**
 * What {@code kompira run} takes from its surroundings: the stream step answers are read from and
 * whether a person is watching (standard input and output are a terminal). Tests replace it to
 * script answers and to force the progress line on or off.
 *
 * @param input        where step-mode answers are read, one line each
 * @param interactive  whether standard output is a terminal: the progress line is drawn and the
 *                     terminal itself echoes typed answers
 */
record Terminal(InputStream input, boolean interactive) {

    /** Returns the process's standard input and what {@link System#console()} says about it. */
    static Terminal system() {
        return new Terminal(System.in, isTerminal(System.console()));
    }

    /**
     * Java 17 returns no console when standard input or output is redirected. From Java 22 on a
     * console exists even then and only {@code Console.isTerminal()} (absent from Java 17, hence the
     * reflection) tells; the jar must behave the same on both.
     */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
