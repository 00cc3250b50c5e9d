package dev.kompira.core.object.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.value.BinaryValue;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a ZIP export bundle (objects.md §7.6): {@code export.json} at the root, then every
 * attachment at its path. Every entry gets the same time, so that exporting the same tree twice
 * gives the same bytes. Stateless.
 */
final class BundleWriter {

    /** The name of the JSON document in a bundle. */
    static final String DOCUMENT = "export.json";
    /** The earliest time a ZIP entry can carry without an extra field. */
    private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private BundleWriter() {
    }

    /**
     * Writes the bundle to {@code out}, which is left open.
     *
     * @param document    the export document
     * @param attachments the bytes of the attachments by the path the document gives them
     * @param time        the modification time of every entry
     * @throws IllegalArgumentException when an attachment path could lead outside the bundle (an
     *                                  object or field name the exporter cannot place in a bundle)
     */
    static void write(JsonNode document, Map<String, BinaryValue> attachments, LocalDateTime time, OutputStream out)
            throws IOException {
        LocalDateTime entryTime = time.isBefore(ZIP_EPOCH) ? ZIP_EPOCH : time;
        try (ZipOutputStream zip = new ZipOutputStream(new KeptOpen(out), StandardCharsets.UTF_8)) {
            zip.putNextEntry(entry(DOCUMENT, entryTime));
            Writer json = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            KompiraJson.write(document, json);
            for (Map.Entry<String, BinaryValue> attachment : attachments.entrySet()) {
                zip.putNextEntry(entry(checked(attachment.getKey()), entryTime));
                zip.write(attachment.getValue().bytes());
            }
        }
    }

    private static ZipEntry entry(String name, LocalDateTime time) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        return entry;
    }

    private static String checked(String path) {
        try {
            String normal = AttachmentPaths.normalize(path);
            if (!normal.isEmpty()) {
                return normal;
            }
        } catch (IllegalArgumentException escaping) {
            throw new IllegalArgumentException("cannot place an attachment in the bundle: " + escaping.getMessage(), escaping);
        }
        throw new IllegalArgumentException("cannot place an attachment in the bundle: '" + path + "' names no file");
    }

    /** The caller's stream, flushed but not closed when the ZIP stream is closed. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
