package dev.kompira.core.library;

import dev.kompira.core.call.Arguments;
import dev.kompira.core.value.Value;

/**
 * One function of a {@link LibraryProvider}. It receives jobflow values and returns one (Java null
 * means {@code null}). Any exception it throws makes the calling job fail with {@code $STATUS = 1}
 * and the exception's message in {@code $ERROR} (objects.md §4.6); the engine logs the trace. It
 * runs on a carrier thread and must not block.
 */
@FunctionalInterface
public interface LibraryFunction {

    /** Computes the result. */
    Value call(Arguments arguments) throws Exception;
}
