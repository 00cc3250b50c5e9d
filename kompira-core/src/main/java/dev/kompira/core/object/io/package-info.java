/**
 * Kompira's export format (objects.md §7) in both directions, and CSV tables of objects: the entry
 * point is {@link dev.kompira.core.object.io.KompiraExport}.
 */
package dev.kompira.core.object.io;
