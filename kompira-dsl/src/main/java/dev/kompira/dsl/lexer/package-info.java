/**
 * The tokens and comments of jobflow source: {@link dev.kompira.dsl.lexer.Lexer} turns text into
 * {@link dev.kompira.dsl.lexer.Token}s for tools such as highlighters, and
 * {@link dev.kompira.dsl.lexer.Comment}s are what {@link dev.kompira.dsl.parser.ParseResult#comments()}
 * returns. API, except the members marked {@link dev.kompira.dsl.Internal}, which serve the parser.
 *
 * <p>Tokens and comments are immutable; a lexer scans one source once and is not thread-safe.
 */
package dev.kompira.dsl.lexer;
