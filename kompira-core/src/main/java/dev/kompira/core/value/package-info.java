/**
 * The values of the jobflow language: {@link dev.kompira.core.value.Value} and its types (Null,
 * Boolean, Integer, Float, String, Binary, Array, Dictionary, temporal values, Pattern, File, ...),
 * with their text forms ({@link dev.kompira.core.value.Rendering}), equality and ordering, the
 * {@link dev.kompira.core.value.Arguments} of a call (what a library function receives) and the
 * {@link dev.kompira.core.value.Signature} that binds them to parameters. API,
 * except the types marked {@link dev.kompira.dsl.Internal}, which implement operators and methods
 * for the engine.
 *
 * <p>Immutable values are thread-safe; Arrays and Dictionaries are mutable and belong to one process
 * (or one thread) at a time.
 */
package dev.kompira.core.value;
