package dev.kompira.core.object.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an import finds the bytes of File values (objects.md §7.6). An exported File value is
 * {@code {"path": "<objpath>/<field>.file", "name": ...}}: its bytes live outside the JSON, in a
 * file at that path relative to the export — beside the JSON file in a folder, or an entry of a
 * ZIP or tar.gz bundle. {@link KompiraExport#importFile} picks the source that fits a file on disk;
 * {@link KompiraExport#importJson(dev.kompira.core.object.ObjectTree, java.io.Reader,
 * AttachmentSource, String, ImportOptions)} takes any source, for example one over an upload kept
 * in memory:
 *
 * <pre>{@code
 * Map<String, byte[]> files = ...;
 * AttachmentSource source = path -> Optional.ofNullable(files.get(path));
 * }</pre>
 *
 * <p>The importer asks only for paths it has checked: relative, {@code /}-separated, without
 * {@code .}, {@code ..} or empty segments. A path that fails the check (for example
 * {@code ../../etc/passwd}) is never asked for: the File is imported empty with a warning.
 *
 * <p>Implementations must allow concurrent calls if they are shared between imports that run at
 * the same time; those returned here are stateless and thread-safe.
 */
@FunctionalInterface
public interface AttachmentSource {

    /**
     * Returns the bytes of the attachment at {@code path}.
     *
     * @param path a checked attachment path, such as {@code ops/deploy/keyfile.file}
     * @return the bytes, or empty when the source holds no file at {@code path} (the File is then
     *         imported empty and the import reports a warning)
     * @throws AttachmentRefusedException when the source holds the file but will not give it, because
     *                                    it leads outside the source (the File is then imported
     *                                    empty with a warning that gives the reason)
     * @throws IOException                when the file cannot be read; the import then fails and
     *                                    nothing of it is written
     */
    Optional<byte[]> read(String path) throws IOException;

    /**
     * Returns the source that holds nothing: every File value with a path is imported empty, with a warning.
     *
     * @return the empty source
     */
    static AttachmentSource none() {
        return path -> Optional.empty();
    }

    /**
     * Returns the source of the files below {@code folder}: the folder of a plain JSON export.
     * A file that is a symbolic link leading outside the folder is refused.
     *
     * @param folder the folder the attachment paths are relative to
     * @return the source
     */
    static AttachmentSource folder(Path folder) {
        return new FolderAttachments(folder);
    }
}
