package dev.kompira.dsl.lexer;

import dev.kompira.dsl.ast.PatternKind;

/**
 * The value of a pattern literal token: its kind, its text exactly as written between the quotes,
 * and whether the {@code i} flag followed it.
 *
 * @param kind       regular expression, glob or exact
 * @param text       the pattern text (no escape processing happens in pattern literals)
 * @param ignoreCase whether the {@code i} flag was given
 */
public record PatternToken(PatternKind kind, String text, boolean ignoreCase) {
}
