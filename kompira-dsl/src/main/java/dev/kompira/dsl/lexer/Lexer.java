package dev.kompira.dsl.lexer;

import dev.kompira.dsl.Internal;
import dev.kompira.dsl.ast.PatternKind;
import dev.kompira.dsl.diag.DiagnosticCollector;
import dev.kompira.dsl.diag.ErrorCode;
import dev.kompira.dsl.source.SourceText;
import dev.kompira.dsl.source.Span;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns jobflow source into tokens (language.md §2), on demand.
 *
 * <p>The lexer never throws for bad input: it reports a diagnostic and produces the most plausible
 * token (an unterminated string still becomes a string token) so that the parser can go on. Comments
 * are collected on the side. Two decisions make the lexer context-sensitive: a lone {@code /} is the
 * division operator after a token that ends an operand and an object path or the root elsewhere
 * (D5), and the parser may split a {@code >=} or {@code >>} token when it needs the {@code >} that
 * closes an event job (D20), see {@link #splitGreater(Token)}.
 *
 * <p>Not thread-safe: one lexer scans one source once.
 */
public final class Lexer {

    /** The longest program text accepted, in code points (language.md §2.1). */
    public static final int MAX_PROGRAM_CHARACTERS = 65_536;

    private static final String[] STATUS_VARIABLES = {"RESULT", "STATUS", "ERROR", "DEBUG", "ENV"};

    private final String text;
    private final int length;
    private final DiagnosticCollector diagnostics;
    private final List<Comment> comments = new ArrayList<>();

    private int pos;
    private int line = 1;
    private int lineStart;
    private int columnCacheOffset;
    private int columnCacheValue = 1;
    private int commentsScannedTo;
    private TokenKind previous;

    /** Creates a lexer over {@code diagnostics.source()} that reports into {@code diagnostics}. */
    public Lexer(DiagnosticCollector diagnostics) {
        SourceText source = diagnostics.source();
        this.text = source.text();
        this.length = text.length();
        this.diagnostics = diagnostics;
        checkSize();
    }

    private void checkSize() {
        if (length <= MAX_PROGRAM_CHARACTERS) {
            return;
        }
        int count = text.codePointCount(0, length);
        if (count > MAX_PROGRAM_CHARACTERS) {
            int first = text.offsetByCodePoints(0, MAX_PROGRAM_CHARACTERS);
            diagnostics.error(ErrorCode.E_SIZE, diagnostics.source().span(first, first),
                    "program text is too long (" + count + " characters; the limit is " + MAX_PROGRAM_CHARACTERS + ")");
        }
    }

    /** Returns the comments scanned so far, in source order. */
    public List<Comment> comments() {
        return Collections.unmodifiableList(comments);
    }

    /** Scans and returns the next token; at the end of the text, an {@link TokenKind#EOF} token, repeatedly. */
    public Token next() {
        Token token = scan();
        previous = token.kind();
        return token;
    }

    /**
     * Splits a {@code >=} or {@code >>} token into a {@code >} and rescans the rest: returns the
     * {@code >} and makes the next {@link #next()} start at the character after it. The caller must
     * forget any token it scanned after {@code token}.
     */
    @Internal
    public Token splitGreater(Token token) {
        if (token.kind() != TokenKind.GE && token.kind() != TokenKind.GT_GT) {
            throw new IllegalArgumentException("only '>=' and '>>' can be split, not " + token.describe());
        }
        int start = token.span().start();
        pos = start + 1;
        previous = TokenKind.GT;
        Span span = token.span();
        return new Token(TokenKind.GT, ">", null, new Span(start, start + 1, span.line(), span.column()));
    }

    private Token scan() {
        while (true) {
            skipWhitespaceAndComments();
            if (pos >= length) {
                return token(TokenKind.EOF, pos, pos, "", null);
            }
            Token token = scanToken();
            if (token != null) {
                return token;
            }
        }
    }

    private void skipWhitespaceAndComments() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '\n' || c == '\r') {
                pos = consumeNewline(pos);
            } else if (c == '#') {
                scanComment();
            } else {
                return;
            }
        }
    }

    private void scanComment() {
        int start = pos;
        while (pos < length && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        if (start >= commentsScannedTo) {
            comments.add(new Comment(text.substring(start, pos), span(start, pos)));
            commentsScannedTo = pos;
        }
    }

    /** Consumes the line terminator at {@code i} (LF, CR LF or CR) and returns the index after it. */
    private int consumeNewline(int i) {
        if (text.charAt(i) == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
            i++;
        }
        line++;
        lineStart = i + 1;
        return i + 1;
    }

    // Returns null after reporting an illegal character, so that scanning goes on.
    private Token scanToken() {
        int start = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '\'': case '"':
                return scanLiteral(start, start, TokenKind.STRING, null);
            case '$':
                return scanSpecialIdentifier(start);
            case '.':
                if (startsRelativePath(pos)) {
                    return scanPath(start);
                }
                return punctuation(TokenKind.DOT, 1);
            case '/':
                return scanSlash(start);
            case '-':
                return punctuation(text.startsWith("->>", pos) ? TokenKind.LONG_ARROW
                        : text.startsWith("->", pos) ? TokenKind.ARROW : TokenKind.MINUS);
            case '=':
                return punctuation(text.startsWith("=>>", pos) ? TokenKind.LONG_FAT_ARROW
                        : text.startsWith("=>", pos) ? TokenKind.FAT_ARROW
                        : text.startsWith("==", pos) ? TokenKind.EQ
                        : text.startsWith("=~", pos) ? TokenKind.MATCH : TokenKind.ASSIGN);
            case '!':
                if (text.startsWith("!=", pos)) {
                    return punctuation(TokenKind.NE);
                }
                if (text.startsWith("!~", pos)) {
                    return punctuation(TokenKind.NOT_MATCH);
                }
                return illegalCharacter();
            case '<':
                return punctuation(text.startsWith("<<", pos) ? TokenKind.LT_LT
                        : text.startsWith("<=", pos) ? TokenKind.LE : TokenKind.LT);
            case '>':
                return punctuation(text.startsWith(">>", pos) ? TokenKind.GT_GT
                        : text.startsWith(">=", pos) ? TokenKind.GE : TokenKind.GT);
            case '*':
                return punctuation(text.startsWith("**", pos) ? TokenKind.DOUBLE_STAR : TokenKind.STAR);
            case '?':
                return punctuation(text.startsWith("??", pos) ? TokenKind.DOUBLE_QUESTION : TokenKind.QUESTION);
            case '+': return punctuation(TokenKind.PLUS);
            case '%': return punctuation(TokenKind.PERCENT);
            case '(': return punctuation(TokenKind.LPAREN);
            case ')': return punctuation(TokenKind.RPAREN);
            case '{': return punctuation(TokenKind.LBRACE);
            case '}': return punctuation(TokenKind.RBRACE);
            case '[': return punctuation(TokenKind.LBRACKET);
            case ']': return punctuation(TokenKind.RBRACKET);
            case '|': return punctuation(TokenKind.PIPE);
            case ',': return punctuation(TokenKind.COMMA);
            case ':': return punctuation(TokenKind.COLON);
            default:
                return scanWordOrNumber(start, c);
        }
    }

    private Token scanWordOrNumber(int start, char c) {
        if (CharClass.isAsciiDigit(c)) {
            return scanNumber(start);
        }
        if (pos + 1 < length && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
            if (c == 'b') {
                return scanLiteral(start, start + 1, TokenKind.BINARY, null);
            }
            PatternKind kind = PatternKind.ofPrefix(c);
            if (kind != null) {
                return scanLiteral(start, start + 1, TokenKind.PATTERN, kind);
            }
        }
        if (CharClass.isIdentifierStart(text.codePointAt(pos))) {
            return scanIdentifier(start);
        }
        return illegalCharacter();
    }

    private Token punctuation(TokenKind kind) {
        return punctuation(kind, kind.spelling().length());
    }

    private Token punctuation(TokenKind kind, int width) {
        int start = pos;
        pos += width;
        return token(kind, start, pos, kind.spelling(), null);
    }

    private Token illegalCharacter() {
        int start = pos;
        int cp = text.codePointAt(pos);
        pos += Character.charCount(cp);
        String shown = Character.isISOControl(cp) ? String.format("\\x%02x", cp) : new String(Character.toChars(cp));
        diagnostics.error(ErrorCode.E_CHAR, span(start, pos),
                String.format("illegal character '%s' (U+%04X)", shown, cp));
        return null;
    }

    // ---- names -------------------------------------------------------------------------------

    private int scanWord(int i) {
        while (i < length) {
            char c = text.charAt(i);
            if (c < 128) {
                if (!CharClass.isWordChar(c)) {
                    break;
                }
                i++;
            } else {
                int cp = text.codePointAt(i);
                if (!CharClass.isWordChar(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
        }
        return i;
    }

    private Token scanIdentifier(int start) {
        pos = scanWord(start);
        String word = text.substring(start, pos);
        TokenKind keyword = TokenKind.keyword(word);
        if (keyword != null) {
            return token(keyword, start, pos, word, null);
        }
        return token(TokenKind.IDENTIFIER, start, pos, word, word);
    }

    private Token scanSpecialIdentifier(int start) {
        if (pos + 1 >= length || !CharClass.isIdentifierStart(text.codePointAt(pos + 1))) {
            return illegalCharacter();
        }
        pos = scanWord(pos + 1);
        String name = text.substring(start + 1, pos);
        Token token = token(TokenKind.SPECIAL_IDENTIFIER, start, pos, text.substring(start, pos), name);
        if (!isStatusVariable(name)) {
            diagnostics.error(ErrorCode.E_STATUSVAR, token.span(), "unknown status variable '$" + name + "'");
        }
        return token;
    }

    private static boolean isStatusVariable(String name) {
        for (String known : STATUS_VARIABLES) {
            if (known.equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- object paths and the slash ------------------------------------------------------------

    private boolean startsRelativePath(int i) {
        return text.startsWith("./", i) || text.startsWith("../", i);
    }

    private boolean startsPathElement(int i) {
        return i < length && (startsRelativePath(i) || CharClass.isIdentifierStart(text.codePointAt(i)));
    }

    private Token scanSlash(int start) {
        if (previous != null && previous.endsOperand()) {
            return punctuation(TokenKind.SLASH, 1);
        }
        if (startsPathElement(pos + 1)) {
            return scanPath(start);
        }
        pos++;
        return token(TokenKind.ROOT, start, pos, "/", "/");
    }

    private Token scanPath(int start) {
        int i = start;
        if (text.charAt(i) == '/') {
            i++;
        }
        while (true) {
            if (text.startsWith("./", i)) {
                i += 2;
            } else if (text.startsWith("../", i)) {
                i += 3;
            } else if (i < length && CharClass.isIdentifierStart(text.codePointAt(i))) {
                i = scanWord(i);
                if (i < length && text.charAt(i) == '/' && startsPathElement(i + 1)) {
                    i++;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        pos = i;
        String path = text.substring(start, pos);
        return token(TokenKind.OBJECT_PATH, start, pos, path, path);
    }

    // ---- numbers -------------------------------------------------------------------------------

    private Token scanNumber(int start) {
        int i = skipDigits(start);
        boolean isFloat = false;
        boolean malformed = false;
        if (i < length && text.charAt(i) == '.') {
            isFloat = true;
            i = skipDigits(i + 1);
            if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < length && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                    j++;
                }
                int digitsEnd = skipDigits(j);
                malformed = digitsEnd == j;
                i = digitsEnd;
            }
        } else if (text.charAt(start) == '0' && i - start > 1) {
            malformed = true;
        }
        if (i < length && CharClass.isWordChar(text.codePointAt(i))) {
            malformed = true;
            i = scanWord(i);
        }
        pos = i;
        String raw = text.substring(start, i);
        if (malformed) {
            diagnostics.error(ErrorCode.E_NUMBER, span(start, i), "invalid number literal '" + raw + "'");
            return isFloat ? token(TokenKind.FLOAT, start, i, raw, 0.0) : token(TokenKind.INTEGER, start, i, raw, BigInteger.ZERO);
        }
        if (isFloat) {
            return token(TokenKind.FLOAT, start, i, raw, Double.parseDouble(raw));
        }
        BigInteger value = raw.length() <= 18 ? BigInteger.valueOf(Long.parseLong(raw)) : new BigInteger(raw);
        return token(TokenKind.INTEGER, start, i, raw, value);
    }

    private int skipDigits(int i) {
        while (i < length && CharClass.isAsciiDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    // ---- string, binary and pattern literals --------------------------------------------------

    private boolean tripleQuoteAt(int i, char quote) {
        return i + 2 < length && text.charAt(i + 1) == quote && text.charAt(i + 2) == quote;
    }

    private int quoteRun(int i, char quote) {
        int end = i;
        while (end < length && text.charAt(end) == quote) {
            end++;
        }
        return end - i;
    }

    /**
     * Scans a string, binary or pattern literal whose opening quote is at {@code open}. The three
     * share quoting and the triple-quote rule (D7); they differ in escapes (none in patterns, D15),
     * in allowed characters (ASCII in binaries) and in whether triple quotes exist (not in binaries).
     */
    private Token scanLiteral(int start, int open, TokenKind kind, PatternKind patternKind) {
        int startLine = line;
        int startColumn = columnAt(start);
        char quote = text.charAt(open);
        boolean binary = kind == TokenKind.BINARY;
        boolean triple = !binary && tripleQuoteAt(open, quote);
        StringBuilder value = new StringBuilder();
        int i = open + (triple ? 3 : 1);
        boolean reportedNonAscii = false;
        while (true) {
            if (i >= length) {
                unterminated(start, startLine, startColumn, i, kind);
                break;
            }
            char c = text.charAt(i);
            if (c == quote) {
                int run = triple ? quoteRun(i, quote) : 1;
                boolean closes = !triple || run >= 3;
                value.append(text, i, i + (closes ? run - (triple ? 3 : 1) : run));
                i += run;
                if (closes) {
                    break;
                }
            } else if (c == '\\' && patternKind != null) {
                i = shieldNext(i, value);
            } else if (c == '\\') {
                i = scanEscape(i, value, binary);
            } else if (c == '\n' || c == '\r') {
                if (!triple) {
                    unterminated(start, startLine, startColumn, i, kind);
                    break;
                }
                i = consumeNewline(i);
                value.append('\n');
            } else if (binary && c > 0x7F) {
                if (!reportedNonAscii) {
                    diagnostics.error(ErrorCode.E_BINARY, span(i, i + 1), "non-ASCII character in binary literal");
                    reportedNonAscii = true;
                }
                i += Character.charCount(text.codePointAt(i));
            } else {
                int end = plainRunEnd(i, quote, binary);
                value.append(text, i, end);
                i = end;
            }
        }
        Object decoded = binary ? toBytes(value) : value.toString();
        if (patternKind != null) {
            boolean ignoreCase = i < length && text.charAt(i) == 'i' && !(i + 1 < length && CharClass.isWordChar(text.codePointAt(i + 1)));
            i += ignoreCase ? 1 : 0;
            decoded = new PatternToken(patternKind, value.toString(), ignoreCase);
        }
        pos = i;
        return new Token(kind, text.substring(start, i), decoded, new Span(start, i, startLine, startColumn));
    }

    // Decision D15: in a pattern a backslash keeps the next character (a quote, say) from ending the
    // literal; both are kept. A line break after it is left to the caller (it ends one-line literals).
    private int shieldNext(int i, StringBuilder value) {
        boolean lineBreak = i + 1 < length && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r');
        int end = i + 1 < length && !lineBreak ? i + 2 : i + 1;
        value.append(text, i, end);
        return end;
    }

    private int plainRunEnd(int i, char quote, boolean binary) {
        int end = i + 1;
        while (end < length) {
            char c = text.charAt(end);
            if (c == quote || c == '\\' || c == '\n' || c == '\r' || (binary && c > 0x7F)) {
                break;
            }
            end++;
        }
        return end;
    }

    private static byte[] toBytes(CharSequence chars) {
        byte[] bytes = new byte[chars.length()];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) chars.charAt(k);
        }
        return bytes;
    }

    private void unterminated(int start, int startLine, int startColumn, int end, TokenKind kind) {
        String what = kind == TokenKind.BINARY ? "binary literal" : kind == TokenKind.PATTERN ? "pattern literal" : "string literal";
        diagnostics.error(ErrorCode.E_UNTERMINATED, new Span(start, end, startLine, startColumn), "unterminated " + what);
    }

    /** Decodes the escape sequence whose backslash is at {@code i}; returns the index after it (§2.8). */
    private int scanEscape(int i, StringBuilder value, boolean binary) {
        if (i + 1 >= length) {
            value.append('\\');
            return i + 1;
        }
        char e = text.charAt(i + 1);
        switch (e) {
            case '\\': case '\'': case '"':
                value.append(e);
                return i + 2;
            case 'a': value.append('\u0007'); return i + 2;
            case 'b': value.append('\b'); return i + 2;
            case 'f': value.append('\f'); return i + 2;
            case 'n': value.append('\n'); return i + 2;
            case 'r': value.append('\r'); return i + 2;
            case 't': value.append('\t'); return i + 2;
            case 'v': value.append('\u000B'); return i + 2;
            case 'x':
                return scanHexEscape(i, 2, value, binary);
            case 'u':
                return binary ? keepBackslash(i, value) : scanHexEscape(i, 4, value, false);
            case 'U':
                return binary ? keepBackslash(i, value) : scanHexEscape(i, 8, value, false);
            case '\n': case '\r':
                return consumeNewline(i + 1);
            default:
                if (e >= '0' && e <= '7') {
                    return scanOctalEscape(i, value, binary);
                }
                return keepBackslash(i, value);
        }
    }

    // Decision D10: an unknown escape keeps the backslash; the next character is scanned normally.
    private int keepBackslash(int i, StringBuilder value) {
        value.append('\\');
        return i + 1;
    }

    private int scanOctalEscape(int i, StringBuilder value, boolean binary) {
        int end = i + 1;
        int code = 0;
        while (end < length && end < i + 4 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
            code = code * 8 + (text.charAt(end) - '0');
            end++;
        }
        if (binary && code > 255) {
            invalidEscape(i, end);
            value.append(text, i, end);
        } else {
            value.append((char) code);
        }
        return end;
    }

    private int scanHexEscape(int i, int digits, StringBuilder value, boolean binary) {
        int end = i + 2;
        long code = 0;
        while (end < length && end < i + 2 + digits && text.charAt(end) < 128
                && Character.digit(text.charAt(end), 16) >= 0) {
            code = code * 16 + Character.digit(text.charAt(end), 16);
            end++;
        }
        boolean complete = end == i + 2 + digits;
        boolean validCodePoint = code <= Character.MAX_CODE_POINT && (code < 0xD800 || code > 0xDFFF);
        if (!complete || !validCodePoint || (binary && code > 255)) {
            invalidEscape(i, end);
            value.append(text, i, end);
        } else {
            value.appendCodePoint((int) code);
        }
        return end;
    }

    private void invalidEscape(int start, int end) {
        diagnostics.error(ErrorCode.E_ESCAPE, span(start, end), "invalid escape sequence '" + text.substring(start, end) + "'");
    }

    // ---- positions -----------------------------------------------------------------------------

    private Token token(TokenKind kind, int start, int end, String raw, Object value) {
        return new Token(kind, raw, value, span(start, end));
    }

    private Span span(int start, int end) {
        return new Span(start, end, line, columnAt(start));
    }

    // Columns count code points from the line start. Tokens arrive in increasing offsets, so the
    // count continues from the last one instead of restarting at the line start (long lines stay linear).
    private int columnAt(int offset) {
        if (columnCacheOffset < lineStart || columnCacheOffset > offset) {
            columnCacheOffset = lineStart;
            columnCacheValue = 1;
        }
        int column = columnCacheValue;
        for (int i = columnCacheOffset; i < offset; i++) {
            if (!Character.isLowSurrogate(text.charAt(i))) {
                column++;
            }
        }
        columnCacheOffset = offset;
        columnCacheValue = column;
        return column;
    }
}
