package dev.kompira.core.library;

import dev.kompira.core.value.Arguments;
import java.util.function.Consumer;

/**
 * One call of a library function from a jobflow: what a {@link LibraryFunction} may use besides its
 * arguments (objects.md §4.6, "context").
 *
 * @param library   the absolute path of the Library object called
 * @param function  the function's name
 * @param pid       the calling process
 * @param arguments the positional and keyword arguments
 * @param console   writes text to the calling process's console (what the function printed)
 */
public record LibraryCall(String library, String function, long pid, Arguments arguments, Consumer<String> console) {
}
