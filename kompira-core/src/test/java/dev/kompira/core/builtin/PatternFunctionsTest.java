package dev.kompira.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code pattern(pattern, typ='r', mode='')} of builtins.md §4. */
class PatternFunctionsTest {

    private static Value pattern(Value... positional) {
        BuiltinFunction f = BuiltinFunctions.get("pattern");
        return f.call(f.signature().bind(Arguments.of(positional)), null);
    }

    private static StringValue s(String text) {
        return StringValue.of(text);
    }

    private static String failure(Value... positional) {
        JobflowError e = assertThrows(JobflowError.class, () -> pattern(positional));
        assertEquals(ErrorCode.R_CALL_FAILED, e.code());
        return e.getMessage();
    }

    @Test
    void builtinsSpecExample() {
        String ext = "log";
        PatternValue p = assertInstanceOf(PatternValue.class, pattern(s("*." + ext), s("g"), s("i")));
        assertEquals("g'*.log'i true", Rendering.text(p) + " " + Rendering.text(p.match(s("APP.LOG"))));
    }

    @Test
    void defaultsToACaseSensitiveRegularExpression() {
        PatternValue p = (PatternValue) pattern(s("^a\\d"));
        assertEquals(PatternValue.of(PatternKind.REGEX, "^a\\d", false), p);
        assertInstanceOf(DictionaryValue.class, p.match(s("a1")));
        assertFalse(p.matches(s("A1")));
    }

    @Test
    void everyKindAndMode() {
        assertEquals(PatternValue.of(PatternKind.EXACT, "X", true), pattern(s("X"), s("e"), s("i")));
        assertEquals(PatternValue.of(PatternKind.GLOB, "X", false), pattern(s("X"), s("g"), s("")));
        assertEquals(PatternValue.of(PatternKind.REGEX, "X", true), pattern(s("X"), s("r"), s("i")));
    }

    @Test
    void noSubstitutionHappens() {
        PatternValue p = (PatternValue) pattern(s("^${name}$"), s("e"));
        assertTrue(p.matches(s("^${name}$")));
    }

    @Test
    void keywordArguments() {
        BuiltinFunction f = BuiltinFunctions.get("pattern");
        Arguments arguments = new Arguments(List.of(s("a")), Map.of("mode", s("i"), "typ", s("e")));
        Value p = f.call(f.signature().bind(arguments), null);
        assertEquals(PatternValue.of(PatternKind.EXACT, "a", true), p);
    }

    @Test
    void failureMessages() {
        assertEquals("pattern: pattern must be a String", failure(IntegerValue.of(1)));
        assertEquals("pattern: invalid type 'x'", failure(s("a"), s("x")));
        assertEquals("pattern: invalid type 'rg'", failure(s("a"), s("rg")));
        assertEquals("pattern: invalid type 'R'", failure(s("a"), s("R")));
        assertEquals("pattern: invalid mode 'I'", failure(s("a"), s("r"), s("I")));
        assertEquals("pattern: invalid mode '1'", failure(s("a"), s("r"), IntegerValue.of(1)));
        assertTrue(failure(s("(")).startsWith("pattern: invalid regular expression: "));
    }

    @Test
    void invalidRegexIsNoFailureForOtherKinds() {
        assertInstanceOf(PatternValue.class, pattern(s("("), s("g")));
        assertInstanceOf(PatternValue.class, pattern(s("("), s("e")));
    }
}
