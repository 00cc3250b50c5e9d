package dev.kompira.core.object.io;

import java.util.List;

/**
 * The outcome of an import (objects.md §7.7 step 8). Every message starts with the object path
 * it concerns.
 *
 * @param created  objects created
 * @param updated  existing objects overwritten
 * @param skipped  existing objects left alone (no overwrite) and entries that were not objects
 * @param errors   entries not imported (only a lenient import commits with errors)
 * @param warnings what was imported differently from the file: fields left unset, declarations
 *                 kept verbatim, attachments without bytes, properties the store cannot keep
 */
public record ImportReport(int created, int updated, int skipped, List<String> errors, List<String> warnings) {

    /** Freezes the lists. */
    public ImportReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
