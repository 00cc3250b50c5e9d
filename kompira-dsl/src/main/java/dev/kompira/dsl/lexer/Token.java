package dev.kompira.dsl.lexer;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * One token of jobflow source.
 *
 * <p>{@code value} depends on the kind: the name for identifiers (without {@code $} for special
 * identifiers), the path text for object paths, the decoded {@link String} for string literals,
 * a {@code byte[]} for binary literals, a {@link java.math.BigInteger} for integers, a
 * {@link Double} for floats, a {@link PatternToken} for patterns, {@code null} otherwise.
 * {@code raw} is the source text of the token, kept for tools.
 *
 * @param kind  the kind
 * @param raw   the exact source text
 * @param value the decoded value, see above
 * @param span  where it is
 */
public record Token(TokenKind kind, String raw, Object value, Span span) {

    /** Validates the components. */
    public Token {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(span, "span");
    }

    /** Returns the name of an identifier, keyword-as-name or special identifier. */
    public String name() {
        return value instanceof String ? (String) value : raw;
    }

    /** Returns how messages show this token, e.g. {@code identifier 'foo'} or {@code '->'}. */
    public String describe() {
        switch (kind) {
            case IDENTIFIER:
                return "identifier '" + raw + "'";
            case SPECIAL_IDENTIFIER:
            case OBJECT_PATH:
                return kind.description() + " '" + raw + "'";
            case EOF:
                return kind.description();
            default:
                return kind.description();
        }
    }
}
