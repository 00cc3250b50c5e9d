package dev.kompira.core.object.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for attachment paths (objects.md §7.6), applied alike to the {@code path} of a File
 * value, to the entries of a bundle and to what the exporter writes: a path names a file inside the
 * bundle or folder, never one outside it. Stateless.
 */
final class AttachmentPaths {

    private AttachmentPaths() {
    }

    /**
     * Returns {@code path} in its normal form: {@code /}-separated (a backslash counts as a
     * separator, as Windows tools write it), without empty and {@code .} segments; {@code ""} when
     * nothing is left (a folder entry {@code ./}).
     *
     * @throws IllegalArgumentException when the path could lead outside the bundle — absolute, on a
     *                                  drive, with a {@code ..} segment or a NUL character; the
     *                                  message says which, starting with the quoted path
     */
    static String normalize(String path) {
        String quoted = "'" + path + "'";
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(quoted + " contains a NUL character");
        }
        String slashed = path.replace('\\', '/');
        if (slashed.startsWith("/")) {
            throw new IllegalArgumentException(quoted + " is absolute");
        }
        List<String> kept = new ArrayList<>();
        for (String segment : slashed.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException(quoted + " has a '..' segment");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        if (!kept.isEmpty() && isDrive(kept.get(0))) {
            throw new IllegalArgumentException(quoted + " names a drive");
        }
        return String.join("/", kept);
    }

    /** {@code C:} or {@code C:name}, which Windows resolves against a drive rather than the bundle's folder. */
    private static boolean isDrive(String segment) {
        return segment.length() >= 2 && segment.charAt(1) == ':' && Character.isLetter(segment.charAt(0));
    }
}
