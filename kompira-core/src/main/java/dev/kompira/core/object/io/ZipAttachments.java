package dev.kompira.core.object.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of a ZIP bundle, read on demand from the open archive. Every entry name is checked when
 * the archive is opened (see {@link BundleEntries}). Thread-safe: {@link ZipFile} allows concurrent reads.
 */
final class ZipAttachments implements AttachmentSource, Closeable {

    private final Path bundle;
    private final ZipFile zip;
    private final Map<String, ZipEntry> files;

    private ZipAttachments(Path bundle, ZipFile zip, Map<String, ZipEntry> files) {
        this.bundle = bundle;
        this.zip = zip;
        this.files = files;
    }

    /**
     * Opens and checks the ZIP archive {@code file}; entry names are UTF-8, as Kompira and every
     * current zip tool write them.
     *
     * @throws ImportException when it is not a readable ZIP archive or an entry refuses the bundle
     * @throws IOException     when the file cannot be read
     */
    static ZipAttachments open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ImportException(file + ": not a readable ZIP archive (" + e.getMessage() + ")");
        }
        try {
            BundleEntries<ZipEntry> entries = new BundleEntries<>(file);
            zip.stream().forEach(e -> entries.add(e.getName(), e.isDirectory(), e));
            return new ZipAttachments(file, zip, entries.files());
        } catch (RuntimeException e) {
            zip.close();
            throw e instanceof ImportException ? e : new ImportException(file + ": not a readable ZIP archive (" + e.getMessage() + ")");
        }
    }

    /** Returns the normal paths of the archive's files, in archive order. */
    Collection<String> paths() {
        return files.keySet();
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        ZipEntry entry = files.get(path);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Optional.of(in.readAllBytes());
        } catch (ZipException e) {
            throw new IOException(bundle + ": entry '" + entry.getName() + "' is damaged (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
