/**
 * Kompira's export format (objects.md §7) in both directions, and CSV tables of objects: the entry
 * point is {@link dev.kompira.core.object.io.KompiraExport}, configured by
 * {@link dev.kompira.core.object.io.ImportOptions} and {@link dev.kompira.core.object.io.ExportOptions},
 * and an import reports what it did in an {@link dev.kompira.core.object.io.ImportReport}. API.
 *
 * <p>An import or an export is one store transaction; options and reports are immutable.
 */
package dev.kompira.core.object.io;
