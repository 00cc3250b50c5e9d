package dev.kompira.core.object.io;

import java.util.Objects;

/**
 * The options of a JSON export (objects.md §7.6, §7.8). Immutable; the {@code with...} methods
 * return changed copies.
 *
 * @param base           the export base: {@code objpath}s are written relative to it; the exported
 *                       path must be the base or lie below it
 * @param attachments    how File values are written
 * @param blankPasswords write {@code ""} for every Password value instead of the clear text
 */
public record ExportOptions(String base, Attachments attachments, boolean blankPasswords) {

    /** How File values are written (§7.6). */
    public enum Attachments {
        /**
         * {@code {"path": "<objpath>/<field>.file", "name": ...}} ({@code <objpath>/<field>_<n>.file}
         * for the n-th file of an {@code Array<File>} or {@code Dictionary<File>}): a plain JSON export
         * names where the bytes belong without holding them; {@link KompiraExport#exportBundle} writes
         * them at those paths.
         */
        PATHS,
        /** {@code {"path": "", "name": ...}}: the name only. */
        OMITTED,
        /** {@code {"name": ..., "data": "<base64>"}}: Kompira's REST form (a library extension). */
        INLINE
    }

    /** Checks the components. */
    public ExportOptions {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(attachments, "attachments");
    }

    /** Returns the defaults: base {@code /}, attachment paths, passwords in clear (as Kompira does). */
    public static ExportOptions defaults() {
        return new ExportOptions("/", Attachments.PATHS, false);
    }

    /** Returns these options with another base. */
    public ExportOptions withBase(String value) {
        return new ExportOptions(value, attachments, blankPasswords);
    }

    /** Returns these options with another attachment form. */
    public ExportOptions withAttachments(Attachments value) {
        return new ExportOptions(base, value, blankPasswords);
    }

    /** Returns these options with {@code blankPasswords} changed. */
    public ExportOptions withBlankPasswords(boolean value) {
        return new ExportOptions(base, attachments, value);
    }
}
