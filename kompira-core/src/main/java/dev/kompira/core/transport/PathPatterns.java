package dev.kompira.core.transport;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The wildcards of {@code put} and {@code get} (builtins.md §3): {@code *}, {@code ?} and
 * {@code [...]}, each matching within one path element, with the shell's rule that they do not
 * match a leading dot. Shared by every transport so that a pattern means the same on every host.
 * Stateless and thread-safe.
 */
public final class PathPatterns {

    private PathPatterns() {
    }

    /** Returns whether {@code element} holds a wildcard. */
    public static boolean hasWildcards(String element) {
        return element.indexOf('*') >= 0 || element.indexOf('?') >= 0 || element.indexOf('[') >= 0;
    }

    /** Returns a test of file names against the pattern {@code element}. */
    public static Predicate<String> matcher(String element) {
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + element.replace("{", "\\{").replace("}", "\\}"));
        boolean dotAllowed = element.startsWith(".");
        return name -> (dotAllowed || !name.startsWith(".")) && glob.matches(Path.of(name));
    }

    /**
     * Splits {@code path} into its elements, dropping empty ones ({@code a//b}); an absolute path's
     * first element is {@code "/"}.
     */
    public static List<String> elements(String path) {
        List<String> elements = new ArrayList<>();
        if (path.startsWith("/")) {
            elements.add("/");
        }
        for (String e : path.split("/")) {
            if (!e.isEmpty()) {
                elements.add(e);
            }
        }
        return elements;
    }
}
