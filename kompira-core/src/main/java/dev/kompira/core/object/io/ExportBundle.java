package dev.kompira.core.object.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An export on disk, opened for import (objects.md §7.6): its JSON document and the source of its
 * attachments. The form is told by the content, not the file name: a folder, a ZIP archive, a
 * gzip-compressed tar archive, or else a plain JSON file whose attachments lie in its folder. An
 * archive is checked as a whole when it is opened, so that a bundle refused for an entry that could
 * leave it is refused before anything is imported. Used by one import at a time.
 *
 * @param documentName the file name of the JSON document
 * @param document     the JSON document's bytes
 * @param attachments  where the File values' bytes are
 * @param resource     what {@link #close()} releases (the open ZIP archive)
 */
record ExportBundle(String documentName, byte[] document, AttachmentSource attachments, Closeable resource) implements Closeable {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};

    /**
     * Opens the export at {@code path}: a folder holding one JSON document, a ZIP or tar.gz bundle,
     * or a JSON file.
     *
     * @throws ImportException when a bundle or folder holds no or several documents, an archive
     *                         cannot be read or an entry could leave it
     * @throws IOException     when a file cannot be read
     */
    static ExportBundle open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(4);
        }
        if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
            return zip(path);
        }
        if (startsWith(head, GZIP)) {
            return tarGz(path);
        }
        Path folder = path.toAbsolutePath().getParent();
        return new ExportBundle(path.getFileName().toString(), Files.readAllBytes(path), AttachmentSource.folder(folder), () -> { });
    }

    private static ExportBundle folder(Path folder) throws IOException {
        List<String> names;
        try (Stream<Path> list = Files.list(folder)) {
            names = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
        String document = BundleEntries.document(folder, names);
        return new ExportBundle(document, Files.readAllBytes(folder.resolve(document)), AttachmentSource.folder(folder), () -> { });
    }

    private static ExportBundle zip(Path file) throws IOException {
        ZipAttachments zip = ZipAttachments.open(file);
        try {
            String document = BundleEntries.document(file, zip.paths());
            byte[] json = zip.read(document).orElseThrow();
            return new ExportBundle(document, json, zip, zip);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Reads the whole tar.gz archive into memory: tar can only be read from start to end, and every entry is checked first. */
    private static ExportBundle tarGz(Path file) throws IOException {
        BundleEntries<byte[]> entries = new BundleEntries<>(file);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            TarReader tar = new TarReader(in);
            for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                if (!e.isFile() && !e.isDirectory()) {
                    throw entries.refused("entry '" + e.name() + "' is a " + e.kind() + "; a bundle holds only files and folders");
                }
                entries.add(e.name(), e.isDirectory(), e.data());
            }
        } catch (TarReader.TarFormatException | ZipException | EOFException e) {
            throw new ImportException(file + ": not a readable tar.gz archive (" + e.getMessage() + ")");
        }
        Map<String, byte[]> files = entries.files();
        String document = BundleEntries.document(file, files.keySet());
        return new ExportBundle(document, files.get(document), path -> Optional.ofNullable(files.get(path)), () -> { });
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
