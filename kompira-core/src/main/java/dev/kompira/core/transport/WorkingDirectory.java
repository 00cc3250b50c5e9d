package dev.kompira.core.transport;

import dev.kompira.dsl.Internal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The directory on the engine host that {@code __dir__} names (D68, D139): where a local command
 * runs, where a local {@code put} or {@code get} places relative target paths, and where relative
 * paths of {@code upload} and {@code download} start. Every engine-host use of {@code __dir__} goes
 * through {@link #of}, so they all agree. Stateless and thread-safe.
 */
@Internal
public final class WorkingDirectory {

    private WorkingDirectory() {
    }

    /**
     * Returns the absolute directory {@code dir} names: the engine's working directory when it is
     * {@code null} or empty (an empty {@code __dir__} counts as unset, as for commands); a relative
     * {@code dir} taken from the engine's working directory, where a shell started by the engine
     * begins; {@code ~} and {@code ~/...} from the home directory, as the shell's {@code cd} reads
     * them. Whether the directory exists is not checked.
     *
     * @throws InvalidPathException if {@code dir} cannot be a path (it holds a NUL character)
     */
    public static Path of(String dir) {
        Path engine = Path.of("").toAbsolutePath();
        if (dir == null || dir.isEmpty()) {
            return engine;
        }
        if (dir.equals("~") || dir.startsWith("~/")) {
            return home().resolve(dir.substring(1).replaceFirst("^/+", ""));
        }
        return engine.resolve(dir);
    }

    /** {@code $HOME}, which the shells the engine starts inherit, else the account's home directory. */
    private static Path home() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home).toAbsolutePath();
    }
}
