package dev.kompira.core.value.pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Glob syntax of language.md §4.8. */
class GlobMatcherTest {

    private static boolean glob(String pattern, String subject) {
        return GlobMatcher.compile(pattern).matches(subject);
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
        "*.log|app.log", "*.log|.log", "*|''", "*|a/b/c", "a*b|a/x/b", "?|x", "??|😀😀", "a?c|a/c",
        "[abc]|b", "[a-c]x|bx", "[!abc]|d", "[!a-c]|D", "[]]|]", "[]a]|a", "[!]]|x", "[a-]|-", "[-a]|-",
        "[|[", "a[|a[", "[!]|[!]", "x[a|x[a", "*[|ab[", "[*]|*", "[?]|?", "\\*|\\x", "*a*a*a*|aaaa",
        "*x|xxxx", "ab*cd*|abxxcdyy"})
    void matches(String pattern, String subject) {
        assertTrue(glob(pattern, subject));
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource(delimiter = '|', value = {
        "*.log|app.txt", "*.log|app.log.1", "?|''", "?|ab", "[abc]|d", "[!abc]|a", "[]]|a", "[!]]|]",
        "[a-c]|d", "[z-a]|m", "abc|ABC", "[*]|x", "\\*|x", "*a*a*a*|aa", "x*|yx", "[a|a"})
    void doesNotMatch(String pattern, String subject) {
        assertFalse(glob(pattern, subject));
    }

    @Test
    void starAndQuestionMarkMatchLineBreaks() {
        assertTrue(glob("a*b", "a\nx\nb"));
        assertTrue(glob("a?b", "a\nb"));
        assertFalse(glob("a*b", "a\nc"));
    }

    @Test
    void wholeStringIsMatched() {
        assertFalse(glob("web", "web-03"));
        assertTrue(glob("web*", "web-03"));
        assertFalse(glob("*03", "web-03\n"));
    }

    @Test
    void longSubjectsWithManyStarsStayFast() {
        String subject = "a".repeat(20_000);
        long start = System.nanoTime();
        assertFalse(glob("*a*a*a*a*a*b", subject));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
}
