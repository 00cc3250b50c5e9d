package dev.kompira.cli;

import dev.kompira.core.transport.LocalFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces a file's content whole: writes a temporary file beside it and moves it over the
 * original, so that a failure never leaves a half-written file or destroys the old one.
 */
final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code file} (created or replaced) with what {@code content} gives.
     *
     * @throws UserError naming the file when it cannot be written
     */
    static void write(Path file, Content content) {
        Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            LocalFiles.moveOver(temporary, absolute);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // The write already failed; that error is the one worth reporting.
            }
        }
    }
}
