package dev.kompira.core.library;

import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.Value;
import java.util.concurrent.CompletableFuture;

/**
 * One function of a Library object (objects.md §4.6). It receives jobflow values and returns one
 * (Java null means {@code null}). Any exception it throws makes the calling job fail with
 * {@code $STATUS = 1} and the exception's message in {@code $ERROR}; the engine logs the trace.
 *
 * <p>A function of a Java {@link LibraryProvider} implements {@link #call}: it runs on a carrier
 * thread and must not block. A function that waits for something — a runtime running another
 * language in another process — implements {@link #start} as well and completes the future later.
 */
@FunctionalInterface
public interface LibraryFunction {

    /** Computes the result. */
    Value call(Arguments arguments) throws Exception;

    /**
     * Starts the call and returns its result to come: an exceptional completion fails the call with
     * the exception's message. The engine cancels the future when the call's {@code __timeout__}
     * passes or the process is terminated; a function that runs elsewhere must stop then. The
     * default completes at once with {@link #call}.
     */
    default CompletableFuture<Value> start(LibraryCall call) {
        try {
            return CompletableFuture.completedFuture(call(call.arguments()));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
