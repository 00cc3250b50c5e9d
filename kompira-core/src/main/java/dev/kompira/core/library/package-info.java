/**
 * The library SPI: Java functions that jobflows call through Library objects
 * ({@link dev.kompira.core.library.LibraryProvider}, {@link dev.kompira.core.library.LibraryFunction})
 * and runtimes for Libraries written in another language
 * ({@link dev.kompira.core.library.SourceLibraryRuntime}, implemented by {@code kompira-python}).
 * Implementations are found with {@link java.util.ServiceLoader} or registered on
 * {@link dev.kompira.core.Kompira.Builder}. SPI.
 *
 * <p>Implementations must be thread-safe: many processes call them at once.
 */
package dev.kompira.core.library;
