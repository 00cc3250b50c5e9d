package dev.kompira.core.object.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of an archive bundle by their normal path (objects.md §7.6), collected while the
 * archive is checked as a whole before anything is imported: an entry that could lead outside the
 * bundle ({@code ../}, an absolute path, a drive) or that appears twice refuses the whole bundle.
 * Used by one thread while a bundle is opened.
 *
 * @param <T> what the bundle keeps of a file: its ZIP entry, or its bytes
 */
final class BundleEntries<T> {

    private final Path bundle;
    private final Map<String, T> files = new LinkedHashMap<>();

    /** Collects the entries of {@code bundle} (named in messages). */
    BundleEntries(Path bundle) {
        this.bundle = bundle;
    }

    /**
     * Adds an entry of the archive.
     *
     * @param name      the entry's name as the archive writes it
     * @param directory whether it is a folder (checked, not kept)
     * @param file      what to keep of a file
     * @throws ImportException when the entry could leave the bundle, names no file or appears twice
     */
    void add(String name, boolean directory, T file) {
        String path;
        try {
            path = AttachmentPaths.normalize(name);
        } catch (IllegalArgumentException escaping) {
            throw refused("entry " + escaping.getMessage() + " and would leave the bundle");
        }
        if (directory) {
            return;
        }
        if (path.isEmpty()) {
            throw refused("entry '" + name + "' names no file");
        }
        if (files.putIfAbsent(path, file) != null) {
            throw refused("entry '" + path + "' appears twice, so which one to import is unclear");
        }
    }

    /** Returns the files by normal path, in archive order. */
    Map<String, T> files() {
        return files;
    }

    /** Returns an error that refuses the bundle for {@code reason}. */
    ImportException refused(String reason) {
        return new ImportException(bundle + ": " + reason + "; the bundle is refused and nothing of it is imported");
    }

    /**
     * Returns the export document among the top-level files of a bundle: the single {@code *.json}
     * or {@code *.dat} file (case ignored); hidden files such as the {@code ._export.json} that macOS
     * adds are ignored.
     *
     * @param bundle the bundle or folder, named in messages
     * @param paths  normal paths of its files (nested ones are ignored)
     * @throws ImportException when there is none or more than one
     */
    static String document(Path bundle, Collection<String> paths) {
        List<String> documents = new ArrayList<>();
        for (String path : paths) {
            String lower = path.toLowerCase(Locale.ROOT);
            if (!path.contains("/") && !path.startsWith(".") && (lower.endsWith(".json") || lower.endsWith(".dat"))) {
                documents.add(path);
            }
        }
        if (documents.isEmpty()) {
            throw new ImportException(bundle + ": no export document: a bundle holds one JSON file (export.json, or "
                    + "another *.json or *.dat) at its top level, beside the folders of the attachments");
        }
        if (documents.size() > 1) {
            documents.sort(null);
            throw new ImportException(bundle + ": " + documents.size() + " export documents at the top level ("
                    + String.join(", ", documents) + "); a bundle holds exactly one");
        }
        return documents.get(0);
    }
}
