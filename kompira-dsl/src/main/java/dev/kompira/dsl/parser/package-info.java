/**
 * The parser: {@link dev.kompira.dsl.parser.JobflowParser} turns source text into a
 * {@link dev.kompira.dsl.parser.ParseResult} (syntax tree, comments, diagnostics) and never throws for
 * bad input. API; the parser is stateless and thread-safe, its results are immutable.
 */
package dev.kompira.dsl.parser;
