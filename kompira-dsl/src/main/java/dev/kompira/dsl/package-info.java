/**
 * The front end of the jobflow language. This package holds only {@link dev.kompira.dsl.Internal},
 * the mark of everything public that is not API; the subpackages hold the source model
 * ({@code source}), the lexer, the parser, the syntax tree ({@code ast}), diagnostics
 * ({@code diag}), the formatter and the Java builder API ({@code builder}). API.
 */
package dev.kompira.dsl;
