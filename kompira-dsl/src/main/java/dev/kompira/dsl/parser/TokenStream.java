package dev.kompira.dsl.parser;

import dev.kompira.dsl.lexer.Lexer;
import dev.kompira.dsl.lexer.Token;
import dev.kompira.dsl.lexer.TokenKind;

/**
 * The parser's view of the tokens: a few tokens of lookahead over the on-demand {@link Lexer}, the
 * last consumed token (for spans), and the depth of open brackets and braces (for error recovery).
 */
final class TokenStream {

    private static final int CAPACITY = 8;

    private final Lexer lexer;
    private final Token[] ring = new Token[CAPACITY];
    private int head;
    private int count;
    private Token previous;
    private TokenKind[] openers = new TokenKind[16];
    private int bracketDepth;
    private int consumed;

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
    }

    /** Returns the current token without consuming it. */
    Token peek() {
        return peek(0);
    }

    /** Returns the token {@code n} places ahead of the current one ({@code n < 8}). */
    Token peek(int n) {
        while (count <= n) {
            ring[(head + count) % CAPACITY] = lexer.next();
            count++;
        }
        return ring[(head + n) % CAPACITY];
    }

    /** Returns whether the current token is of {@code kind}. */
    boolean at(TokenKind kind) {
        return peek().kind() == kind;
    }

    /** Consumes and returns the current token. */
    Token advance() {
        Token token = peek();
        if (token.kind() == TokenKind.EOF) {
            return token;
        }
        head = (head + 1) % CAPACITY;
        count--;
        previous = token;
        consumed++;
        trackDepth(token.kind());
        return token;
    }

    // A closer closes the innermost opener of its own kind and everything opened after it; a closer
    // with no such opener is ignored. So '{ f((1) }' still ends at the brace.
    private void trackDepth(TokenKind kind) {
        if (kind == TokenKind.LPAREN || kind == TokenKind.LBRACKET || kind == TokenKind.LBRACE) {
            if (bracketDepth == openers.length) {
                openers = java.util.Arrays.copyOf(openers, bracketDepth * 2);
            }
            openers[bracketDepth++] = kind;
            return;
        }
        TokenKind opener = openerOf(kind);
        if (opener == null) {
            return;
        }
        for (int i = bracketDepth - 1; i >= 0; i--) {
            if (openers[i] == opener) {
                bracketDepth = i;
                return;
            }
        }
    }

    private static TokenKind openerOf(TokenKind closer) {
        switch (closer) {
            case RPAREN: return TokenKind.LPAREN;
            case RBRACKET: return TokenKind.LBRACKET;
            case RBRACE: return TokenKind.LBRACE;
            default: return null;
        }
    }

    /** Consumes the current token if it is of {@code kind}. */
    boolean match(TokenKind kind) {
        if (at(kind)) {
            advance();
            return true;
        }
        return false;
    }

    /** Returns the last consumed token, or the current one before anything was consumed. */
    Token previous() {
        return previous != null ? previous : peek();
    }

    /** Returns the number of open parentheses, brackets and braces consumed and not yet closed. */
    int bracketDepth() {
        return bracketDepth;
    }

    /** Returns how many tokens have been consumed so far; a parser loop uses it to check it makes progress. */
    int consumedCount() {
        return consumed;
    }

    /**
     * Replaces a current {@code >=} or {@code >>} with {@code >} (decision D20) and forgets the
     * lookahead, which the lexer rescans from the character after the {@code >}.
     */
    void splitGreater() {
        Token split = lexer.splitGreater(peek());
        ring[head] = split;
        count = 1;
    }
}
