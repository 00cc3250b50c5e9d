package dev.kompira.dsl.ast;

/** The three kinds of pattern literal (language.md §2.12, §4.8). */
public enum PatternKind {
    /** {@code r'...'}: a regular expression in Python's dialect, matched by search. */
    REGEX('r'),
    /** {@code g'...'}: a shell-style glob matched against the whole string. */
    GLOB('g'),
    /** {@code e'...'}: exact equality. */
    EXACT('e');

    private final char prefix;

    PatternKind(char prefix) {
        this.prefix = prefix;
    }

    /** Returns the letter that starts the literal. */
    public char prefix() {
        return prefix;
    }

    /** Returns the kind whose literal starts with {@code prefix}, or {@code null}. */
    public static PatternKind ofPrefix(char prefix) {
        for (PatternKind kind : values()) {
            if (kind.prefix == prefix) {
                return kind;
            }
        }
        return null;
    }
}
