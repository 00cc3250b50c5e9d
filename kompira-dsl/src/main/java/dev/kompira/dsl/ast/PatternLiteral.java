package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * A pattern literal {@code r'...'}, {@code g'...'} or {@code e'...'}, optionally followed by the
 * {@code i} flag (language.md §2.12). The text is kept exactly as written: no escape processing
 * happens in pattern literals, and {@code ${name}} is substituted at evaluation time.
 *
 * @param kind       regular expression, glob or exact
 * @param text       the pattern text
 * @param ignoreCase whether matching ignores case
 * @param span       the literal
 */
public record PatternLiteral(PatternKind kind, String text, boolean ignoreCase, Span span) implements Expr {

    /** Validates the components. */
    public PatternLiteral {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitPattern(this);
    }
}
