package dev.kompira.dsl.format;

import dev.kompira.dsl.ast.PatternKind;

/**
 * Writes literal values back as jobflow source, in one canonical spelling per value, such that the
 * lexer reads back exactly the same value (language.md §2.8–§2.12).
 *
 * <p>Strings and binaries use single quotes unless the value contains a single quote and no double
 * quote. A backslash is doubled only where it would otherwise start an escape, so {@code '\d+'}
 * keeps its spelling (decision D10). A string with two or more line feeds before its last character
 * is written triple-quoted with real line breaks; other strings escape their line feeds. Pattern
 * literals cannot escape anything (D15), so their quotes are chosen to fit the text.
 */
public final class LiteralSyntax {

    private static final int TRIPLE_QUOTE_MIN_LINE_FEEDS = 2;

    private LiteralSyntax() {
    }

    /** Returns the source spelling of the string {@code value}. */
    public static String string(String value) {
        char quote = preferredQuote(value);
        boolean triple = innerLineFeeds(value) >= TRIPLE_QUOTE_MIN_LINE_FEEDS;
        String delimiter = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        StringBuilder out = new StringBuilder(value.length() + 8).append(delimiter);
        int quoteRun = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == quote) {
                // Triple-quoted text only escapes the quote that would make three in a row.
                boolean escape = !triple || ++quoteRun == 3;
                out.append(escape ? "\\" + c : String.valueOf(c));
                quoteRun = escape ? 0 : quoteRun;
                continue;
            }
            quoteRun = 0;
            if (c == '\n' && triple) {
                out.append('\n');
            } else if (c == '\\') {
                out.append(backslashStartsEscape(value, i, false) ? "\\\\" : "\\");
            } else {
                appendCharacter(out, c);
            }
        }
        return out.append(delimiter).toString();
    }

    /** Returns the source spelling {@code b'...'} of {@code bytes}. */
    public static String binary(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        char quote = preferredQuote(text);
        StringBuilder out = new StringBuilder(bytes.length + 3).append('b').append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                out.append('\\').append(c);
            } else if (c == '\\') {
                out.append(backslashStartsEscape(text, i, true) ? "\\\\" : "\\");
            } else if (c >= 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                appendCharacter(out, c);
            }
        }
        return out.append(quote).toString();
    }

    /**
     * Returns the source spelling of a pattern literal.
     *
     * @throws IllegalArgumentException if no pattern literal has this text: it ends in an unpaired
     *                                  backslash, contains a carriage return, or needs every quote form
     */
    public static String pattern(PatternKind kind, String text, boolean ignoreCase) {
        if (text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a pattern literal cannot contain a carriage return: " + text);
        }
        if (endsWithUnpairedBackslash(text)) {
            throw new IllegalArgumentException("a pattern literal cannot end with an unpaired backslash: " + text);
        }
        String flag = ignoreCase ? "i" : "";
        boolean multiline = text.indexOf('\n') >= 0;
        for (char quote : new char[] {'\'', '"'}) {
            if (!multiline && longestUnescapedRun(text, quote) == 0) {
                return kind.prefix() + String.valueOf(quote) + text + quote + flag;
            }
        }
        for (char quote : new char[] {'\'', '"'}) {
            if (longestUnescapedRun(text, quote) < 3) {
                String triple = String.valueOf(quote).repeat(3);
                return kind.prefix() + triple + text + triple + flag;
            }
        }
        throw new IllegalArgumentException("no pattern literal can hold both ''' and \"\"\": " + text);
    }

    /** Returns the source spelling of a non-negative float: always with a dot, so it reads back as a float. */
    public static String floating(double value) {
        if (Double.isInfinite(value)) {
            return "1.0e999";
        }
        return Double.toString(value);
    }

    private static char preferredQuote(String value) {
        return value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
    }

    private static int innerLineFeeds(String value) {
        int count = 0;
        for (int i = 0; i < value.length() - 1; i++) {
            if (value.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    // Decision D10: a backslash followed by a character that does not form an escape stands for itself.
    // The character that follows in the output decides, so a next character that is written as an
    // escape itself (a control character, or a non-ASCII byte) also needs the backslash doubled.
    private static boolean backslashStartsEscape(String value, int i, boolean binary) {
        if (i + 1 >= value.length()) {
            return true;
        }
        char next = value.charAt(i + 1);
        if (Character.isISOControl(next) || (binary && next >= 0x7F)) {
            return true;
        }
        switch (next) {
            case '\\': case '\'': case '"': case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v':
            case 'x': case '\n': case '\r':
                return true;
            case 'u': case 'U':
                return !binary;
            default:
                return next >= '0' && next <= '7';
        }
    }

    private static void appendCharacter(StringBuilder out, char c) {
        switch (c) {
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            case '\u0007': out.append("\\a"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\u000B': out.append("\\v"); break;
            default:
                if (Character.isISOControl(c)) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(c);
                }
        }
    }

    private static boolean endsWithUnpairedBackslash(String text) {
        int i = 0;
        while (i < text.length()) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i > text.length();
    }

    /** Returns the longest run of {@code quote} characters not protected by a backslash (D15). */
    private static int longestUnescapedRun(String text, char quote) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                run = 0;
                i++;
            } else if (c == quote) {
                longest = Math.max(longest, ++run);
            } else {
                run = 0;
            }
        }
        return longest;
    }
}
