package dev.kompira.core.process;

import dev.kompira.dsl.diag.Diagnostic;
import java.util.List;

/**
 * A jobflow compiled by {@code Kompira.compile}: immutable code that every process started from it
 * shares. Compile once, start many times.
 *
 * <p>Only the engine creates compiled flows; other implementations are refused by
 * {@code Kompira.start}. Immutable and thread-safe.
 */
public interface CompiledFlow {

    /** Returns the name diagnostics use: a file name or an object path. */
    String name();

    /**
     * Returns the directory that {@code ./} and {@code ../} in the flow start from: the parent of its
     * Jobflow object, or {@code /} for a flow that is not stored in the tree.
     */
    String directory();

    /** Returns the source text the flow was compiled from. */
    String source();

    /** Returns the names of the parameters, in declaration order. */
    List<String> parameterNames();

    /** Returns the compile-time warnings (a flow with errors is never compiled). */
    List<Diagnostic> diagnostics();
}
