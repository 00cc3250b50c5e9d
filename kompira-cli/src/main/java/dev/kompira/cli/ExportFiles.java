package dev.kompira.cli;

import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.io.ImportOptions;
import dev.kompira.core.object.io.ImportReport;
import dev.kompira.core.object.io.KompiraExport;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Imports Kompira exports from disk for {@code kompira import} and {@code kompira run --import}: a
 * JSON file with its attachments in its folder, a folder holding one, or a ZIP or tar.gz bundle
 * (docs/objects.md).
 */
final class ExportFiles {

    /** The paragraph of the help texts that says what an export may be. */
    static final String FORMS = "a JSON file (the attached files its File values name are read from its folder), "
            + "a folder holding one JSON file, or a .zip or .tar.gz bundle (as kompira export --bundle writes); "
            + "a bundle with an entry that leads outside it (../, an absolute path) is refused whole.";

    private ExportFiles() {
    }

    /**
     * Imports {@code export} into {@code tree} in one transaction.
     *
     * @throws UserError when a file cannot be read
     * @throws dev.kompira.core.object.io.ImportException when the export is refused; nothing of it was written
     */
    static ImportReport importInto(ObjectTree tree, Path export, String base, ImportOptions options) {
        try {
            return KompiraExport.importFile(tree, export, base, options);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file or folder: " + e.getFile(), e);
        } catch (IOException e) {
            throw new UserError("cannot read " + export + ": " + e.getMessage(), e);
        }
    }
}
