package dev.kompira.core.object.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.object.ObjectTree;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Kompira's JSON export format (objects.md §7) in both directions, and CSV tables of objects.
 *
 * <p><b>JSON.</b> {@link #importJson} runs the import algorithm of §7.7 as one store transaction
 * and {@link #exportJson} the export algorithm of §7.8. Exports are canonical: the same tree gives
 * the same bytes, and export → import into a fresh tree → export gives the same bytes as long as
 * both trees assign the same ids and timestamps (see below). Real Kompira files import as they are:
 * paths without a leading {@code /}, any key order, missing {@code id}/{@code created}, sources
 * with {@code \r\n} (kept byte for byte), declarations such as {@code Integer#{ "default": 100 }}
 * (kept verbatim, re-emitted unchanged).
 *
 * <p><b>What the store cannot keep.</b> The store SPI assigns ids and timestamps itself, so an
 * import cannot keep the exported {@code id}, {@code created} and {@code updated}: created objects
 * get new ids and the import time, and the report says so once.
 *
 * <p><b>Attachments</b> (§7.6). A File value is exported as {@code {"path": "<objpath>/<field>.file",
 * "name": ...}} ({@code <objpath>/<field>_<n>.file} for the n-th element of an {@code Array<File>} or
 * {@code Dictionary<File>}); the bytes are not in the JSON. {@link #exportBundle} writes them beside
 * it in a ZIP bundle. {@link #importFile} reads them from a bundle (ZIP or tar.gz), from the folder of
 * a plain JSON file, or from a folder holding one JSON file; {@link #importJson(ObjectTree, Reader,
 * AttachmentSource, String, ImportOptions)} from any {@link AttachmentSource}. A File whose bytes are
 * missing is imported empty, with a warning. A path that could lead outside the export
 * ({@code ../../etc/passwd}, {@code /etc/passwd}) is never read: that File is imported empty with a
 * warning too. A bundle with an entry that could lead outside it is refused as a whole before
 * anything is imported.
 *
 * <p><b>Config data</b> (§4.9) is stored in the Config's stored fields under the key
 * {@code data}, a Dictionary; Config's type declares no field of that name.
 *
 * <p><b>CSV.</b> {@link #importCsv} adds one object per row to a Directory or Table, all rows in
 * one transaction; {@link #exportCsv(ObjectTree, String, Writer)} writes them back. The header is
 * {@code name} (the object name) followed by field names; cells are the text a jobflow would
 * write, converted by the field declarations; an empty cell is an unset field. Object cells are
 * paths (absolute, or relative to the container), Binary cells hexadecimal, Array, Dictionary and
 * File cells JSON (Files in the REST form with base64 data). RFC 4180 quoting; records end in CRLF.
 *
 * <p>Stateless and thread-safe; each call is one store transaction.
 */
public final class KompiraExport {

    private KompiraExport() {
    }

    /**
     * Imports a JSON export document (objects.md §7.7) under directory {@code base}, in one store
     * transaction.
     *
     * @param tree    the tree to import into
     * @param json    the document: a JSON array of exported objects
     * @param base    the import base directory (absolute; {@code /} for Kompira's usual exports)
     * @param options overwrite, keep-owner, lenient, ...
     * @return counts, and the warnings (fields left unset, declarations kept verbatim, attachments
     *         without bytes, ...) and, for a lenient import, the errors of the entries left out
     * @throws ImportException when the document is not a JSON array, the base does not exist, or
     *                         (unless lenient) any entry breaks a rule — unknown type, invalid
     *                         name, missing parent, existing object of another type; the store is
     *                         then unchanged
     */
    public static ImportReport importJson(ObjectTree tree, Reader json, String base, ImportOptions options) {
        return importJson(tree, json, AttachmentSource.none(), base, options);
    }

    /**
     * Imports a JSON export document as {@link #importJson(ObjectTree, Reader, String, ImportOptions)}
     * does, taking the bytes of File values from {@code attachments} (§7.6).
     *
     * @param tree        the tree to import into
     * @param json        the document: a JSON array of exported objects
     * @param attachments where the files named by the File values' {@code path}s are; the import
     *                    fails as a whole, store unchanged, when it cannot read one
     * @param base        the import base directory (absolute)
     * @param options     overwrite, keep-owner, lenient, ...
     * @return counts and warnings, one per File whose bytes are missing or were refused
     * @throws ImportException as the other form, and when an attachment cannot be read
     */
    public static ImportReport importJson(ObjectTree tree, Reader json, AttachmentSource attachments, String base,
            ImportOptions options) {
        return JsonImporter.run(tree, KompiraJson.read(json), attachments, base, options);
    }

    /**
     * Imports the export at {@code export} (§7.6, §7.7) under directory {@code base}, in one store
     * transaction. The form is told by the content, not by the name:
     * <ul>
     * <li>a ZIP bundle, or a tar archive compressed with gzip ({@code .tar.gz}): one JSON document at
     * its top level (any single {@code *.json} or {@code *.dat}; {@code export.json} is what
     * {@link #exportBundle} writes) and the attachments at their paths. The archive is checked as a
     * whole first: an entry that could lead outside it ({@code ../x}, {@code /x}, {@code C:x}), an
     * entry that appears twice, or in a tar archive a link or device, refuses the bundle;</li>
     * <li>a folder holding one such document, the attachments below it;</li>
     * <li>anything else is a JSON file, the attachments below its folder.</li>
     * </ul>
     *
     * @param tree    the tree to import into
     * @param export  the JSON file, folder or bundle
     * @param base    the import base directory (absolute; {@code /} for Kompira's usual exports)
     * @param options overwrite, keep-owner, lenient, ...
     * @return counts and warnings; one warning per File whose bytes are missing or were refused
     * @throws ImportException when the bundle is refused, holds no or several documents, the
     *                         document is not valid, or (unless lenient) an entry breaks a rule;
     *                         nothing is imported then
     * @throws IOException     when a file cannot be read ({@link java.nio.file.NoSuchFileException}
     *                         when {@code export} does not exist)
     */
    public static ImportReport importFile(ObjectTree tree, Path export, String base, ImportOptions options) throws IOException {
        try (ExportBundle bundle = ExportBundle.open(export)) {
            JsonNode document;
            try {
                document = KompiraJson.read(bundle.document());
            } catch (ImportException invalid) {
                throw new ImportException(bundle.documentName() + ": " + invalid.getMessage());
            }
            return JsonImporter.run(tree, document, bundle.attachments(), base, options);
        }
    }

    /**
     * Exports the subtree at {@code path} (objects.md §7.8): the object itself and its descendants
     * in pre-order, except the root and the records below Virtual mounts.
     *
     * @param tree    the tree to export from
     * @param path    the absolute path of the subtree; it must be the export base or lie below it
     * @param out     receives UTF-8 text; not closed
     * @param options the export base, the attachment form, password blanking
     * @throws IllegalArgumentException when there is no object at {@code path} or it lies outside the base
     */
    public static void exportJson(ObjectTree tree, String path, Writer out, ExportOptions options) {
        JsonExporter.run(tree, path, out, options);
    }

    /**
     * Exports the subtree at {@code path} as a ZIP bundle (§7.6): {@code export.json} at the root,
     * the document {@link #exportJson} writes, and every File value's bytes at the {@code path} the
     * document gives it ({@code <objpath>/<field>.file}, {@code <objpath>/<field>_<n>.file}). With
     * the attachment form {@code OMITTED} or {@code INLINE} the bundle holds the document alone.
     * Every entry carries the latest modification time of the exported objects, so that the same
     * tree gives the same bytes.
     *
     * @param tree    the tree to export from
     * @param path    the absolute path of the subtree; it must be the export base or lie below it
     * @param out     receives the ZIP archive; not closed
     * @param options the export base, the attachment form, password blanking
     * @throws IllegalArgumentException as {@link #exportJson}
     * @throws IOException              when {@code out} cannot be written
     */
    public static void exportBundle(ObjectTree tree, String path, OutputStream out, ExportOptions options) throws IOException {
        try {
            JsonExporter.bundle(tree, path, out, options);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Imports the rows of a CSV table as objects of one type into a Directory or Table, in one
     * transaction: all rows or none.
     *
     * @param tree          the tree
     * @param csv           the table: a header row ({@code name} and field names), one row per object
     * @param containerPath the absolute path of the Directory or Table
     * @param typePath      the type object of the rows (absolute, or relative to the container);
     *                      null for a Table's own type, or the type of a Directory's first child
     * @param overwrite     whether a row may update an existing object of the same name and type
     *                      (its columns are written, empty cells unset, other fields kept); without
     *                      it an existing name is an error
     * @return the number of rows imported
     * @throws ImportException naming the row (1 = the header) and the field of every bad row; the
     *                         store is then unchanged
     */
    public static int importCsv(ObjectTree tree, Reader csv, String containerPath, String typePath, boolean overwrite) {
        return CsvTransfer.importRows(tree, csv, containerPath, typePath, overwrite);
    }

    /**
     * Writes the children of a Directory or Table as a CSV table: the header, then one row per
     * child of the row type (a Table's type, or the type of a Directory's first child), in
     * creation order. Derived fields are left out.
     *
     * @throws IllegalArgumentException when the container is missing, not a Directory or Table, or
     *                                  an empty Directory (whose row type cannot be told)
     */
    public static void exportCsv(ObjectTree tree, String containerPath, Writer out) {
        CsvTransfer.exportRows(tree, containerPath, null, out);
    }

    /**
     * Writes the children of type {@code typePath} of a Directory or Table as a CSV table.
     *
     * @throws IllegalArgumentException when the container or type is missing, or the container is
     *                                  not a Directory or Table
     */
    public static void exportCsv(ObjectTree tree, String containerPath, String typePath, Writer out) {
        CsvTransfer.exportRows(tree, containerPath, typePath, out);
    }
}
