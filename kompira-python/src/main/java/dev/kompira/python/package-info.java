/**
 * Runs Kompira's Python libraries (Library objects holding Python 3 source) in CPython worker
 * processes. {@link dev.kompira.python.PythonRuntime} implements the library SPI's
 * {@link dev.kompira.core.library.SourceLibraryRuntime}; it is found through
 * {@link java.util.ServiceLoader} or given to {@code Kompira.builder().sourceLibraries(...)}. API: the
 * runtime and its builder; the rest of the package is package-private. The runtime is thread-safe.
 */
package dev.kompira.python;
