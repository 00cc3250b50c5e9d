package dev.kompira.core.value.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Operators;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import org.junit.jupiter.api.Test;

/** Glob and exact Patterns (language.md §4.8, D32) and the similarity examples of §7.9. */
class PatternKindsTest {

    private static PatternValue glob(String text, boolean ignoreCase) {
        return PatternValue.of(PatternKind.GLOB, text, ignoreCase);
    }

    private static PatternValue exact(String text, boolean ignoreCase) {
        return PatternValue.of(PatternKind.EXACT, text, ignoreCase);
    }

    private static StringValue s(String text) {
        return StringValue.of(text);
    }

    @Test
    void globMatchReturnsBooleans() {
        assertEquals("true false", Rendering.text(glob("*.log", false).match(s("app.log"))) + " "
                + Rendering.text(glob("*.log", false).match(s("app.txt"))));
    }

    @Test
    void globIgnoringCaseLowerCasesBothSides() {
        assertTrue(glob("*.LOG", true).matches(s("app.log")));
        assertTrue(glob("*.log", true).matches(s("APP.LOG")));
        assertTrue(glob("[A-C]*", true).matches(s("beta")));
        assertTrue(glob("ÉTÉ", true).matches(s("été")));
        assertFalse(glob("*.LOG", false).matches(s("app.log")));
    }

    @Test
    void globNeverMatchesNonStrings() {
        assertFalse(glob("*", false).matches(IntegerValue.of(42)));
        assertEquals(BooleanValue.FALSE, glob("*", false).match(NullValue.NULL));
    }

    @Test
    void exactComparesWholeText() {
        assertTrue(exact("Running", false).matches(s("Running")));
        assertFalse(exact("Running", false).matches(s("Running ")));
        assertFalse(exact("Run*", false).matches(s("Running")));
        assertTrue(exact("Running", true).matches(s("RUNNING")));
        assertEquals(BooleanValue.TRUE, exact("x", false).match(s("x")));
        assertEquals(BooleanValue.FALSE, exact("x", false).match(s("y")));
    }

    @Test
    void exactMatchesNonStringsByTextForm() {
        assertTrue(exact("42", false).matches(IntegerValue.of(42)));
        assertTrue(exact("2.5", false).matches(new FloatValue(2.5)));
        assertTrue(exact("null", false).matches(NullValue.NULL));
        assertTrue(exact("TRUE", true).matches(BooleanValue.TRUE));
        assertTrue(exact("[1, 'a']", false).matches(ArrayValue.of(IntegerValue.of(1), s("a"))));
        assertFalse(exact("42", false).matches(new FloatValue(42)));
    }

    @Test
    void patternsAreEqualByKindTextAndFlag() {
        assertEquals(glob("*.log", true), glob("*.log", true));
        assertFalse(glob("*.log", true).equals(glob("*.log", false)));
        assertFalse(glob("x", false).equals(exact("x", false)));
    }

    @Test
    void similarityExamplesOfLanguageSpec() {
        Value r = PatternValue.of(PatternKind.REGEX, "-\\d+$", false);
        String line1 = String.join(" ",
                text(Operators.similar(s("web-03"), r)),
                text(Operators.similar(glob("web*", false), s("web-03"))),
                text(Operators.similar(s("42"), IntegerValue.of(42))),
                text(Operators.similar(ArrayValue.of(IntegerValue.of(1), s("2")),
                        ArrayValue.of(s("1"), IntegerValue.of(2)))));
        assertEquals("true true true true", line1);
        String line2 = text(Operators.similar(dict("a", 1, "b", 2), dict("b", "2", "a", 1))) + " "
                + text(Equality.equal(dict("a", 1, "b", 2), dict("b", 2, "a", 1)));
        assertEquals("true false", line2);
        String line3 = text(Operators.similar(s("abc"), s("a*"))) + " "
                + text(!Operators.similar(s("x"), exact("X", true)));
        assertEquals("false false", line3);
    }

    private static String text(boolean b) {
        return Rendering.text(BooleanValue.of(b));
    }

    private static DictionaryValue dict(Object... pairs) {
        DictionaryValue d = new DictionaryValue();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            d.put((String) pairs[i], v instanceof String str ? s(str) : IntegerValue.of((Integer) v));
        }
        return d;
    }
}
