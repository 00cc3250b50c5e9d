package dev.kompira.core.value.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled shell-style wildcard pattern, matched against a whole string (language.md §4.8):
 * {@code *} matches any sequence (including {@code /} and line breaks), {@code ?} one character,
 * {@code [set]} and {@code [!set]} one character in or not in the set, where a {@code ]} directly
 * after {@code [} or {@code [!} is a member and {@code a-z} is a range; a {@code [} without a
 * closing {@code ]} is a literal. There is no escape character. Characters are code points.
 *
 * <p>Also used for the String clauses of a {@code case} block (§9.3), which are case-sensitive
 * globs. Matching is iterative, backtracking only to the last {@code *}: O(n·m) at worst, no
 * recursion. Immutable and thread-safe.
 */
public final class GlobMatcher {

    /** One element of the pattern; each one except {@link Star} consumes exactly one code point. */
    private sealed interface Token permits Literal, AnyOne, Star, CharSet {
    }

    private record Literal(int codePoint) implements Token {
    }

    private record AnyOne() implements Token {
    }

    private record Star() implements Token {
    }

    /** A {@code [...]} set; {@code ranges} holds inclusive pairs (a single member is a pair of equals). */
    private record CharSet(boolean negated, int[] ranges) implements Token {

        boolean contains(int c) {
            boolean found = false;
            for (int i = 0; i < ranges.length && !found; i += 2) {
                found = c >= ranges[i] && c <= ranges[i + 1];
            }
            return found != negated;
        }
    }

    private final Token[] tokens;

    private GlobMatcher(Token[] tokens) {
        this.tokens = tokens;
    }

    /** Compiles {@code pattern}; every String is a valid glob. */
    public static GlobMatcher compile(String pattern) {
        int[] p = pattern.codePoints().toArray();
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < p.length) {
            int c = p[i];
            int close = c == '[' ? setEnd(p, i) : -1;
            if (close >= 0) {
                tokens.add(charSet(p, i, close));
                i = close + 1;
                continue;
            }
            if (c == '*') {
                tokens.add(new Star());
            } else if (c == '?') {
                tokens.add(new AnyOne());
            } else {
                tokens.add(new Literal(c));
            }
            i++;
        }
        return new GlobMatcher(tokens.toArray(new Token[0]));
    }

    /** Returns whether the whole of {@code subject} matches. */
    public boolean matches(String subject) {
        int[] s = subject.codePoints().toArray();
        int ti = 0;
        int si = 0;
        int starToken = -1;
        int starSubject = 0;
        while (si < s.length) {
            if (ti < tokens.length && tokens[ti] instanceof Star) {
                starToken = ti++;
                starSubject = si;
            } else if (ti < tokens.length && accepts(tokens[ti], s[si])) {
                ti++;
                si++;
            } else if (starToken >= 0) {
                // let the last * swallow one more character and retry from just after it
                ti = starToken + 1;
                si = ++starSubject;
            } else {
                return false;
            }
        }
        while (ti < tokens.length && tokens[ti] instanceof Star) {
            ti++;
        }
        return ti == tokens.length;
    }

    private static boolean accepts(Token token, int c) {
        if (token instanceof Literal l) {
            return l.codePoint() == c;
        }
        if (token instanceof CharSet set) {
            return set.contains(c);
        }
        return token instanceof AnyOne;
    }

    /** Returns the index of the {@code ]} closing the set opened at {@code open}, or -1 (a literal {@code [}). */
    private static int setEnd(int[] p, int open) {
        int i = open + 1;
        if (i < p.length && p[i] == '!') {
            i++;
        }
        if (i < p.length && p[i] == ']') {
            i++;
        }
        while (i < p.length && p[i] != ']') {
            i++;
        }
        return i < p.length ? i : -1;
    }

    private static CharSet charSet(int[] p, int open, int close) {
        int i = open + 1;
        boolean negated = p[i] == '!';
        if (negated) {
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        while (i < close) {
            boolean range = i + 2 < close && p[i + 1] == '-';
            ranges.add(p[i]);
            ranges.add(range ? p[i + 2] : p[i]);
            i += range ? 3 : 1;
        }
        return new CharSet(negated, ranges.stream().mapToInt(Integer::intValue).toArray());
    }
}
