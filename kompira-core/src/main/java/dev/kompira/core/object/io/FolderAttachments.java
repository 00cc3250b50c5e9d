package dev.kompira.core.object.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The attachments of a plain JSON export: files below the JSON file's folder. The path is checked
 * again here (the source is public), and a file whose real location lies outside the folder (a
 * symbolic link, as an unpacked archive may hold) is refused. Stateless and thread-safe.
 */
final class FolderAttachments implements AttachmentSource {

    private final Path folder;

    FolderAttachments(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        String checked;
        try {
            checked = AttachmentPaths.normalize(path);
        } catch (IllegalArgumentException escaping) {
            throw new AttachmentRefusedException(escaping.getMessage() + " and would leave the folder " + folder);
        }
        Path file = folder.resolve(checked);
        if (checked.isEmpty() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (!file.toRealPath().startsWith(folder.toRealPath())) {
            throw new AttachmentRefusedException("'" + path + "' is a link that leads outside the folder " + folder);
        }
        return Optional.of(Files.readAllBytes(file));
    }
}
