package dev.kompira.dsl.lexer;

/**
 * Character classes of the lexical grammar (language.md §2.3): word characters are letters
 * ({@code Lu Ll Lt Lm Lo}), numbers ({@code Nd Nl No}) and the underscore, exactly the set Python
 * 3's {@code \w} matches. Identifiers start with a word character other than an ASCII digit.
 */
public final class CharClass {

    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_WORD[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ASCII_WORD[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ASCII_WORD[c] = true;
        }
        ASCII_WORD['_'] = true;
    }

    private CharClass() {
    }

    /** Returns whether {@code cp} is a word character. */
    public static boolean isWordChar(int cp) {
        if (cp < 128) {
            return cp >= 0 && ASCII_WORD[cp];
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Returns whether {@code cp} can start an identifier. */
    public static boolean isIdentifierStart(int cp) {
        return isWordChar(cp) && !isAsciiDigit(cp);
    }

    /** Returns whether {@code cp} is one of {@code 0}–{@code 9}. */
    public static boolean isAsciiDigit(int cp) {
        return cp >= '0' && cp <= '9';
    }

    /** Returns whether {@code name} is a valid identifier that is not a keyword. */
    public static boolean isIdentifier(String name) {
        if (name.isEmpty() || !isIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!isWordChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return TokenKind.keyword(name) == null;
    }

    /** Returns whether {@code name} has the reserved control-variable form {@code __name__} (language.md §2.5). */
    public static boolean isControlVariableName(String name) {
        return name.length() > 4 && name.startsWith("__") && name.endsWith("__");
    }
}
