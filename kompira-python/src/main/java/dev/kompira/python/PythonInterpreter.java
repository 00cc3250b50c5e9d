package dev.kompira.python;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Python 3 interpreter the workers run: {@code KOMPIRA_PYTHON} when set, else
 * {@code python3} on the {@code PATH}. Stateless.
 */
final class PythonInterpreter {

    /** The environment variable that names the interpreter explicitly. */
    static final String VARIABLE = "KOMPIRA_PYTHON";

    private PythonInterpreter() {
    }

    /** Returns the interpreter named by {@code environment}, or empty when there is none. */
    static Optional<Path> find(Map<String, String> environment) {
        String explicit = environment.get(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "python3");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Says how to make Python libraries run when {@link #find} found nothing. */
    static String missing(Map<String, String> environment) {
        String explicit = environment.get(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return "Python libraries cannot run: " + VARIABLE + " names " + explicit + ", which is not an executable file";
        }
        return "Python libraries need a Python 3 interpreter, and no python3 was found on the PATH: install one (Debian:"
                + " apt-get install python3) or set " + VARIABLE + " to its path";
    }
}
