package dev.kompira.dsl.parser;

import dev.kompira.dsl.diag.DiagnosticCollector;
import dev.kompira.dsl.diag.ErrorCode;
import dev.kompira.dsl.lexer.Token;
import dev.kompira.dsl.lexer.TokenKind;
import dev.kompira.dsl.source.Span;

/**
 * State shared by the parts of the parser: the tokens, the diagnostics, the nesting depth and the
 * helpers that report syntax errors.
 */
final class ParseContext {

    /** Blocks and brackets may nest this deep (language.md §13, decision D106). */
    static final int MAX_NESTING = 256;

    final TokenStream tokens;
    final DiagnosticCollector diagnostics;
    private int nesting;
    private boolean nestingReported;

    ParseContext(TokenStream tokens, DiagnosticCollector diagnostics) {
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    /** Returns the span from {@code first} to the last consumed token. */
    Span spanFrom(Token first) {
        return spanFrom(first.span());
    }

    /** Returns the span from {@code first} to the last consumed token. */
    Span spanFrom(Span first) {
        Span last = tokens.previous().span();
        return last.start() >= first.start() ? first.to(last) : first;
    }

    /**
     * Enters one level of nesting at {@code opener}. Returns false, after reporting {@code E-NESTING}
     * once per parse, when that is one level too many; the caller then skips the construct without
     * descending into it and must not call {@link #leave()}.
     */
    boolean enter(Token opener) {
        if (nesting >= MAX_NESTING) {
            if (!nestingReported) {
                nestingReported = true;
                diagnostics.error(ErrorCode.E_NESTING, opener.span(), "nesting too deep (the limit is " + MAX_NESTING + ")");
            }
            return false;
        }
        nesting++;
        return true;
    }

    /** Leaves a level entered with {@link #enter(Token)}. */
    void leave() {
        nesting--;
    }

    /** Consumes a token of {@code kind} or reports that {@code expected} was expected. */
    Token expect(TokenKind kind, String expected) {
        if (tokens.at(kind)) {
            return tokens.advance();
        }
        throw unexpected(expected);
    }

    /** Reports the current token as unexpected and returns the exception that unwinds to recovery. */
    SyntaxError unexpected(String expected) {
        reportUnexpected(tokens.peek(), expected, "");
        return new SyntaxError();
    }

    /** Reports {@code token} as unexpected without unwinding; {@code note} is appended when not empty. */
    void reportUnexpected(Token token, String expected, String note) {
        syntaxError(token.span(), "unexpected " + token.describe() + "; expected " + expected + note);
    }

    /** Reports a syntax error unless one was already reported at the same place. */
    void syntaxError(Span span, String detail) {
        if (!diagnostics.hasErrorAt(span.start(), ErrorCode.E_SYNTAX)) {
            diagnostics.error(ErrorCode.E_SYNTAX, span, "syntax error: " + detail);
        }
    }

    /** Reports a keyword used where a name is required (E-KEYWORD). */
    void keywordAsName(Token token) {
        diagnostics.error(ErrorCode.E_KEYWORD, token.span(),
                "'" + token.raw() + "' is a reserved keyword and cannot be used as a name");
    }

    /** Reports a status variable as the target of an assignment (E-ASSIGNSTATUS). */
    void assignToStatus(Span span, String name) {
        diagnostics.error(ErrorCode.E_ASSIGNSTATUS, span, "cannot assign to status variable $" + name);
    }

    /**
     * Consumes a name: an identifier, or a keyword after reporting E-KEYWORD so that parsing goes on.
     * Anything else is a syntax error.
     */
    String name(String expected) {
        Token token = tokens.peek();
        if (token.kind() == TokenKind.IDENTIFIER) {
            return tokens.advance().name();
        }
        if (token.kind().isKeyword()) {
            keywordAsName(token);
            return tokens.advance().raw();
        }
        throw unexpected(expected);
    }

    /** Returns whether the current token can be a name followed by {@code =} (a binding). */
    boolean atBinding() {
        Token token = tokens.peek();
        boolean nameLike = token.kind() == TokenKind.IDENTIFIER || token.kind().isKeyword()
                || token.kind() == TokenKind.SPECIAL_IDENTIFIER;
        return nameLike && tokens.peek(1).kind() == TokenKind.ASSIGN;
    }

    /**
     * Skips a bracketed construct whose opener is the current token, through its matching closer,
     * without recursion (used when nesting is too deep).
     */
    void skipBalanced() {
        int depth = tokens.bracketDepth();
        tokens.advance();
        while (!tokens.at(TokenKind.EOF) && tokens.bracketDepth() > depth) {
            tokens.advance();
        }
    }
}
