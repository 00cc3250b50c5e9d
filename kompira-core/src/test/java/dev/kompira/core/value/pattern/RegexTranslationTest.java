package dev.kompira.core.value.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.dsl.ast.PatternKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Python-to-Java translation of language.md Appendix B, one test per row, checked by matching. */
class RegexTranslationTest {

    private static boolean search(String regex, String subject) {
        return PatternValue.of(PatternKind.REGEX, regex, false).matches(StringValue.of(subject));
    }

    private static boolean searchIgnoringCase(String regex, String subject) {
        return PatternValue.of(PatternKind.REGEX, regex, true).matches(StringValue.of(subject));
    }

    private static JobflowError invalid(String regex) {
        JobflowError e = assertThrows(JobflowError.class, () -> PatternValue.of(PatternKind.REGEX, regex, false));
        assertEquals(ErrorCode.R_REGEX, e.code());
        assertTrue(e.getMessage().startsWith("invalid regular expression: "), e.getMessage());
        return e;
    }

    @Test
    void defaultClassesAreUnicode() {
        assertTrue(search("^\\d$", "\u0663")); // ARABIC-INDIC DIGIT THREE
        assertTrue(search("^\\w+$", "jöb_フロー"));
        assertTrue(search("^\\s$", "\u3000"));
        assertTrue(search("\\bフロー\\b", "ジョブ フロー"));
    }

    @Test
    void onlyLineFeedEndsALine() {
        assertTrue(search("^a.b$", "a\rb"));
        assertFalse(search("(?m)^b", "a\rb"));
        assertTrue(search("(?m)^b", "a\nb"));
        assertFalse(search("a.b", "a\nb"));
        assertTrue(search("(?s)a.b", "a\nb"));
        assertTrue(search("a$", "a\n")); // $ also matches before a final line feed, as in Python
    }

    @Test
    void caseInsensitivityIsUnicode() {
        assertTrue(searchIgnoringCase("^élan$", "ÉLAN"));
        assertTrue(search("(?i)^élan$", "ÉLAN"));
        assertTrue(search("(?i:é)x", "Éx"));
        assertFalse(search("(?i:é)x", "ÉX"));
        assertFalse(search("^élan$", "ÉLAN"));
        assertTrue(search("(?i)(?-i:a)b", "aB"));
        assertFalse(search("(?i)(?-i:a)b", "AB"));
    }

    @Test
    void namedGroupsAreRenamedForJava() {
        RegexPattern p = RegexPattern.of("(?P<user_名>\\w+)@(?P<host>\\w+)(?P=host)", false);
        assertFalse(p.javaRegex().contains("user_名"));
        assertTrue(p.matches("root@dbdb"));
        assertFalse(p.matches("root@dbxy"));
    }

    @Test
    void absoluteEndOfString() {
        assertTrue(search("a\\Z", "xa"));
        assertFalse(search("a\\Z", "xa\n"));
    }

    @Test
    void octalEscapes() {
        assertTrue(search("^\\0$", "\0"));
        assertTrue(search("^\\012$", "\n"));
        assertTrue(search("^\\101\\102$", "AB"));
        assertTrue(search("^[\\101-\\103]+$", "ABC"));
        assertTrue(search("^[\\1]$", "\u0001")); // a digit escape in a class is octal, never a group reference
        invalid("\\477");
    }

    @Test
    void longUnicodeEscape() {
        assertTrue(search("^\\U0001F600$", "😀"));
        assertTrue(search("^[\\U0001F600-\\U0001F64F]$", "🙂"));
        assertTrue(search("^\\u00e9\\x41$", "éA"));
        invalid("\\U00110000");
        invalid("\\U0001F60");
    }

    @Test
    void repetitionWithoutLowerBound() {
        assertTrue(search("^a{,2}$", ""));
        assertTrue(search("^a{,2}$", "aa"));
        assertFalse(search("^a{,2}$", "aaa"));
        assertTrue(search("^a{2,}$", "aaaa"));
        assertTrue(search("^a{,}$", "aaaa"));
        invalid("a{3,2}");
    }

    @Test
    void braceThatIsNoRepetitionIsLiteral() {
        assertTrue(search("^a{x}$", "a{x}"));
        assertTrue(search("^a{}$", "a{}"));
        assertTrue(search("^a{1,x}$", "a{1,x}"));
    }

    @Test
    void backspaceInsideClass() {
        assertTrue(search("[\\b]", "\b"));
        assertFalse(search("[\\b]", "a b"));
        assertTrue(search("a\\b", "a b")); // outside a class it stays a word boundary
    }

    @Test
    void bracketAndDoubleAmpersandInsideClassAreLiteral() {
        assertTrue(search("^[[]$", "["));
        assertTrue(search("^[a&&b]+$", "a&b"));
        assertTrue(search("^[]a]+$", "]a"));
        assertTrue(search("^[^]a]$", "b"));
        assertFalse(search("^[^]a]$", "]"));
        assertTrue(search("^[a-]+$", "-a"));
        assertTrue(search("^[\\d-]+$", "1-2"));
        assertTrue(search("^[\\]\\\\^]+$", "]\\^"));
    }

    @Test
    void verticalTabIsACharacter() {
        assertTrue(search("^\\v$", "\u000b"));
        assertFalse(search("^\\v$", "\n"));
        assertTrue(search("^[\\v]$", "\u000b"));
    }

    @Test
    void asciiFlagAtTheStart() {
        assertFalse(search("(?a)^\\w$", "é"));
        assertTrue(search("(?a)^\\w$", "e"));
        assertFalse(search("(?a)\\d", "\u0663"));
        assertTrue(search("(?ai)^E$", "e"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x(?a)y", "(?a:x)", "(?L)x", "(?aL)x", "(x(?i))", "x(?i)", "(?(1)a|b)", "(a)(?(1)a|b)",
        "(?(name)a)", "(?au)x", "(?-a:x)"})
    void unsupportedFlagsAndConditionalsAreRegexErrors(String regex) {
        invalid(regex);
    }

    @Test
    void globalFlagsMayFollowOtherFlagsAndComments() {
        assertTrue(search("(?i)(?s)(?#note)A.B", "a\nb"));
        assertTrue(search("(?x) (?i) a b", "AB"));
    }

    @Test
    void conditionalGroupMessage() {
        assertTrue(invalid("(a)?(?(1)b|c)").getMessage().contains("conditional groups are not supported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\p{L}+", "\\h", "\\R", "\\Qa.b\\E", "[\\p{Lu}]", "[\\Q]\\E]", "\\x{41}"})
    void javaOnlySyntaxIsAcceptedAsJavaReadsIt(String regex) {
        PatternValue.of(PatternKind.REGEX, regex, false);
    }

    @Test
    void javaOnlySyntaxMeansWhatJavaSays() {
        assertTrue(search("^\\p{Lu}+$", "ÉA"));
        assertTrue(search("^a\\Q.*\\Eb$", "a.*b"));
        assertFalse(search("^a\\Q.*\\Eb$", "axxb"));
        assertTrue(search("^a\\Rb$", "a\r\nb"));
        assertTrue(search("^[\\Q]\\E]$", "]"));
    }

    @Test
    void groupReferences() {
        assertTrue(search("^(a)(b)\\2\\1$", "abba"));
        assertTrue(search("^(a)\\1{2}$", "aaa"));
        assertTrue(search("^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10$", "abcdefghijj"));
        assertTrue(invalid("\\1(a)").getMessage().contains("invalid group reference 1"));
        assertTrue(invalid("(a\\1)").getMessage().contains("cannot refer to an open group"));
        assertTrue(invalid("(?P<a>x)(?P=b)").getMessage().contains("unknown group name 'b'"));
        assertTrue(invalid("(?P<a>x)(?P<a>y)").getMessage().contains("redefinition of group name 'a'"));
        invalid("(?P<1a>x)");
        invalid("(?P<>x)");
    }

    @Test
    void verboseModeIgnoresSpaceAndCommentsOutsideClasses() {
        assertTrue(search("(?x) a b  # a comment\n c", "abc"));
        assertTrue(search("(?x)[ ]", " "));
        assertTrue(search("(?x)a\\ b", "a b"));
        assertTrue(search("(?x:a b) c", "ab c"));
        assertFalse(search("(?x:a b) c", "abc"));
    }

    @Test
    void lookaroundAtomicAndPossessive() {
        assertTrue(search("(?<=a)b", "ab"));
        assertFalse(search("(?<!a)b", "ab"));
        assertTrue(search("a(?=b)", "ab"));
        assertFalse(search("^(?>a+)a$", "aaa"));
        assertFalse(search("^a++a$", "aaa"));
    }

    @Test
    void commentsAreDropped() {
        assertTrue(search("^a(?#ignored)b$", "ab"));
        invalid("a(?#unterminated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", ")", "[a", "a**", "*a", "\\", "\\q", "[z-a]", "[\\d-z]", "(?P", "(?Q)", "(?i", "\\8"})
    void syntaxErrorsAreRegexErrors(String regex) {
        invalid(regex);
    }

    @Test
    void javaErrorDetailIsKept() {
        assertTrue(invalid("a(b").getMessage().endsWith("missing ), unterminated subpattern at position 1"));
        assertTrue(invalid("a**").getMessage().length() > "invalid regular expression: ".length());
    }
}
