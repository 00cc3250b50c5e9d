package dev.kompira.core.object;

import dev.kompira.core.library.LibraryBinding;
import dev.kompira.core.library.LibraryProvider;
import dev.kompira.core.library.SourceLibraryRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Library objects bound to their code (objects.md §4.6): {@code module} libraries to a registered
 * Java {@link LibraryProvider}, {@code source} and {@code safe_source} libraries to the engine's
 * {@link SourceLibraryRuntime}. A binding is made when a library is first used and made again when
 * its type, module path, source or path change, so {@code executable} and {@code document} always
 * describe the current source. Thread-safe.
 */
final class LibraryBindings {

    /** Says how to make source libraries run when no runtime is installed. */
    static final String NO_RUNTIME = "Python source libraries need the kompira-python plug-in: put dev.kompira:kompira-python"
            + " on the class path (the kompira command has it) and python3 on the PATH";

    private final Map<String, LibraryProvider> providers = new ConcurrentHashMap<>();
    private final Map<Long, Bound> bound = new ConcurrentHashMap<>();
    private volatile SourceLibraryRuntime sourceRuntime;

    void register(LibraryProvider provider) {
        providers.put(provider.id(), provider);
    }

    void useSourceRuntime(SourceLibraryRuntime runtime) {
        sourceRuntime = runtime;
        bound.clear();
    }

    /** Returns the binding of the Library object {@code id} as it is now described by {@code code}. */
    LibraryBinding binding(long id, LibraryCode code) {
        Bound seen = bound.get(id);
        if (seen != null && seen.code().equals(code)) {
            return seen.binding();
        }
        // made outside the map: loading source may take a while and must not block other libraries
        LibraryBinding binding = bind(code);
        bound.put(id, new Bound(code, binding));
        return binding;
    }

    private LibraryBinding bind(LibraryCode code) {
        switch (code.libraryType()) {
            case "module":
                LibraryProvider provider = providers.get(code.modulePath());
                return provider == null
                        ? LibraryBinding.failed("no library provider with id '" + code.modulePath() + "' is registered on this"
                                + " engine (register one with Kompira.builder().library(...) or through ServiceLoader)")
                        : LibraryBinding.loaded(provider.description(), provider.functions());
            case "", "source":
                return sourceRuntime == null ? LibraryBinding.failed(NO_RUNTIME)
                        : sourceRuntime.load(code.path(), code.source(), false);
            case "safe_source":
                if (sourceRuntime == null) {
                    return LibraryBinding.failed(NO_RUNTIME);
                }
                return sourceRuntime.isSandboxed() ? sourceRuntime.load(code.path(), code.source(), true)
                        : LibraryBinding.failed("safe_source libraries need a restricted Python interpreter, and "
                                + sourceRuntime.description() + " cannot enforce one; set libraryType to 'source' to run"
                                + " this code unrestricted if you trust it");
            default:
                return LibraryBinding.failed("unknown libraryType '" + code.libraryType() + "'");
        }
    }

    /**
     * What a binding depends on.
     *
     * @param path        the Library object's path (names the source in messages)
     * @param libraryType its {@code libraryType}
     * @param modulePath  its {@code modulePath}
     * @param source      its {@code sourceText}
     */
    record LibraryCode(String path, String libraryType, String modulePath, String source) {
    }

    private record Bound(LibraryCode code, LibraryBinding binding) {
    }
}
