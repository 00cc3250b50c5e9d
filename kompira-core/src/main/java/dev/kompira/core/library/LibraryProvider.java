package dev.kompira.core.library;

import java.util.Map;

/**
 * Java functions that jobflows call through a Library object (objects.md §4.6): a Library whose
 * {@code libraryType} is {@code module} and whose {@code modulePath} is this provider's
 * {@link #id()} exposes {@link #functions()} as {@code ./lib.fn(x)} and {@code [./lib.fn: x]}.
 * Providers are found with {@link java.util.ServiceLoader} or registered on the engine builder.
 *
 * <p>Implementations must be thread-safe: many processes call them at once.
 */
public interface LibraryProvider {

    /** Returns the id a Library object names in its {@code modulePath}. */
    String id();

    /** Returns the text kept in the Library object's {@code document} field. */
    default String description() {
        return id();
    }

    /** Returns the functions by name. */
    Map<String, LibraryFunction> functions();
}
