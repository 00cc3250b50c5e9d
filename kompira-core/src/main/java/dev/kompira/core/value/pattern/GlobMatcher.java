package dev.kompira.core.value.pattern;

/**
 * Shell-style wildcard matching of a whole string (language.md §4.8): {@code *}, {@code ?},
 * {@code [set]}, {@code [!set]}; no escape character. Iterative with backtracking to the last
 * {@code *}, so it runs in O(n·m) at worst and never recurses.
 */
final class GlobMatcher {

    private GlobMatcher() {
    }

    static boolean matches(String pattern, String subject) {
        int[] p = pattern.codePoints().toArray();
        int[] s = subject.codePoints().toArray();
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = 0;
        while (si < s.length) {
            if (pi < p.length && p[pi] == '*') {
                starP = pi++;
                starS = si;
            } else if (pi < p.length && p[pi] == '[' && classEnd(p, pi) > 0) {
                int end = classEnd(p, pi);
                if (inClass(p, pi, end, s[si])) {
                    pi = end + 1;
                    si++;
                } else if (starP >= 0) {
                    pi = starP + 1;
                    si = ++starS;
                } else {
                    return false;
                }
            } else if (pi < p.length && (p[pi] == '?' || p[pi] == s[si])) {
                pi++;
                si++;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    /** Returns the index of the {@code ]} closing the class opened at {@code open}, or -1 (a literal {@code [}). */
    private static int classEnd(int[] p, int open) {
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

    private static boolean inClass(int[] p, int open, int close, int c) {
        int i = open + 1;
        boolean negated = i < close && p[i] == '!';
        if (negated) {
            i++;
        }
        boolean found = false;
        while (i < close) {
            if (i + 2 < close && p[i + 1] == '-') {
                found |= c >= p[i] && c <= p[i + 2];
                i += 3;
            } else {
                found |= c == p[i];
                i++;
            }
        }
        return found != negated;
    }
}
