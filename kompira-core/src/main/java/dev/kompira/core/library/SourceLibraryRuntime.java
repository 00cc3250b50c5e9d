package dev.kompira.core.library;

/**
 * Runs Library objects whose code is their source text: {@code libraryType} {@code source} (or
 * empty) and {@code safe_source}, Python 3 in Kompira (objects.md §4.6). Core has no interpreter of
 * its own: a plug-in provides one, found with {@link java.util.ServiceLoader} or set on the engine
 * builder (the {@code kompira-python} module runs CPython). Without one, such libraries are not
 * executable and their {@code document} says how to enable them.
 *
 * <p>Implementations must be thread-safe: many processes load and call libraries at once.
 */
public interface SourceLibraryRuntime extends AutoCloseable {

    /** Says what runs the source (for documents and messages), for example {@code CPython 3.11}. */
    String description();

    /**
     * Returns whether the runtime can enforce a real sandbox for {@code safe_source} libraries (no
     * imports outside an allow-list, no file or network access); when it cannot, they are refused.
     */
    boolean isSandboxed();

    /**
     * Loads the source of the Library object at {@code path}, which runs its top-level code, and
     * returns its functions; a source that does not load gives a failed binding whose document says
     * why (with the line number of a syntax error). It may block for as long as loading takes, up to a
     * limit of the runtime's choosing; it never throws for bad source.
     *
     * @param path       the Library object's absolute path (names the source in error messages)
     * @param source     the source text
     * @param restricted whether the library is {@code safe_source}, to run in the sandbox
     */
    LibraryBinding load(String path, String source, boolean restricted);

    /** Stops whatever the runtime started (interpreter processes, threads). */
    @Override
    void close();
}
