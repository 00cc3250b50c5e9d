/**
 * The canonical formatter ({@link dev.kompira.dsl.format.Formatter}), which writes a syntax tree back
 * as jobflow source, keeping its comments, and the canonical spelling of literals
 * ({@link dev.kompira.dsl.format.LiteralSyntax}). API; stateless and thread-safe.
 */
package dev.kompira.dsl.format;
