/**
 * Diagnostics: the problems found in a jobflow's source ({@link dev.kompira.dsl.diag.Diagnostic}),
 * their error codes and severities, and {@link dev.kompira.dsl.diag.DiagnosticRenderer}, which shows
 * them as {@code file:line:col: error: ...} with the source line and a caret. API.
 *
 * <p>Diagnostics are immutable; a {@link dev.kompira.dsl.diag.DiagnosticCollector} belongs to one
 * parse and is not thread-safe.
 */
package dev.kompira.dsl.diag;
