package dev.kompira.dsl.lexer;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A comment, from {@code #} to the end of its line. Comments are not part of the syntax tree; the
 * parser hands them to tools (the formatter keeps them).
 *
 * @param text the comment including the {@code #}, without the line terminator
 * @param span where it is
 */
public record Comment(String text, Span span) {

    /** Validates the components. */
    public Comment {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }
}
