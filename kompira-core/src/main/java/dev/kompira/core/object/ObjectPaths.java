package dev.kompira.core.object;

import dev.kompira.dsl.Internal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Textual resolution of object paths (objects.md §1.3): absolute paths, and {@code ./}, {@code ../}
 * relative to a base directory; {@code .} elements vanish, {@code ..} removes the element before it
 * and never climbs above the root. The objects are looked up afterwards.
 */
@Internal
public final class ObjectPaths {

    private ObjectPaths() {
    }

    /** Returns the absolute, normalised form of {@code path} seen from directory {@code base}. */
    public static String resolve(String path, String base) {
        String joined = path.startsWith("/") ? path : base + "/" + path;
        Deque<String> elements = new ArrayDeque<>();
        for (String element : joined.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                elements.pollLast();
            } else {
                elements.addLast(element);
            }
        }
        return "/" + String.join("/", elements);
    }

    /** Returns the parent directory of absolute path {@code path} ({@code /} for the root). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
