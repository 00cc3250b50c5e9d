package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The String methods of language.md §4.4 (except {@code format}, see {@link StringFormatTest}). */
class StringMethodsTest {

    static Value call(String receiver, String method, Value... args) {
        return Members.call(StringValue.of(receiver), method, Arguments.of(args));
    }

    static Value callKw(String receiver, String method, Map<String, Value> keywords, Value... args) {
        return Members.call(StringValue.of(receiver), method, new Arguments(List.of(args), keywords));
    }

    static StringValue s(String s) {
        return StringValue.of(s);
    }

    static IntegerValue i(long n) {
        return IntegerValue.of(n);
    }

    static Map<String, Value> kw(Object... pairs) {
        Map<String, Value> map = new LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            map.put((String) pairs[k], (Value) pairs[k + 1]);
        }
        return map;
    }

    static String nested(Value v) {
        return Rendering.nested(v);
    }

    static JobflowError fails(ErrorCode code, Runnable action) {
        JobflowError e = assertThrows(JobflowError.class, action::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Nested
    class SpecExamples {

        @Test
        void splitWithoutSeparator() {
            assertEquals("['web01', 'web02', 'web03']", nested(call("web01 web02  web03", "split")));
        }

        @Test
        void splitWithMaxsplit() {
            assertEquals("['a', 'b', ';c']", nested(call("a;b;;c", "split", s(";"), i(2))));
        }

        @Test
        void rsplitFromTheRight() {
            assertEquals("['x.tar', 'gz']", nested(call("x.tar.gz", "rsplit", s("."), i(1))));
        }

        @Test
        void strip() {
            assertEquals(s("ok"), call("  ok \n", "strip"));
        }

        @Test
        void findWithNegativeStart() {
            assertEquals(i(3), call("hello", "find", s("l"), i(-2)));
        }

        @Test
        void endswithAnyOfAnArray() {
            assertEquals(BooleanValue.TRUE, call("report.csv", "endswith", ArrayValue.of(s(".csv"), s(".tsv"))));
        }

        @Test
        void join() {
            Value parts = call("web01 web02  web03", "split");
            assertEquals(s("web01, web02, web03"), call(", ", "join", parts));
            assertEquals(s("b-a"), call("-", "join", ArrayValue.of(s("b"), s("a"))));
        }

        @Test
        void emptySubstringAtAndBeyondTheEnd() {
            assertEquals(i(3), call("abc", "find", s(""), i(3)));
            assertEquals(i(-1), call("abc", "find", s(""), i(4)));
        }

        @Test
        void upperUsesFullCaseMapping() {
            assertEquals(s("STRASSE"), call("straße", "upper"));
        }

        @Test
        void splitKeepsEmptyFields() {
            assertEquals("['a', '', 'b']", nested(call("a,,b", "split", s(","))));
            assertEquals("['']", nested(call("", "split", s(","))));
            assertEquals("[]", nested(call("  ", "split")));
        }
    }

    @Nested
    class Find {

        @Test
        void lowestAndHighest() {
            assertEquals(i(4), call("hello world", "find", s("o")));
            assertEquals(i(7), call("hello world", "rfind", s("o")));
            assertEquals(i(-1), call("hello", "find", s("z")));
        }

        @Test
        void occurrenceMustLieInsideTheSlice() {
            assertEquals(i(-1), call("abcabc", "find", s("bc"), i(2), i(4)));
            assertEquals(i(-1), call("abcabc", "find", s("bc"), i(2), i(5)));
            assertEquals(i(1), call("abcabc", "rfind", s("bc"), i(0), i(5)));
        }

        @Test
        void boundsAreClamped() {
            assertEquals(i(0), call("abc", "find", s("a"), i(-100), i(100)));
            assertEquals(i(0), call("abc", "find", s("a"), IntegerValue.of(new java.math.BigInteger("-99999999999999999999"))));
        }

        @Test
        void emptySubstring() {
            assertEquals(i(3), call("abc", "rfind", s("")));
            assertEquals(i(-1), call("abc", "rfind", s(""), i(4)));
            assertEquals(i(-1), call("abc", "find", s(""), i(2), i(1)));
        }

        @Test
        void nullMeansTheEnds() {
            assertEquals(i(1), call("abc", "find", s("b"), NullValue.NULL, NullValue.NULL));
        }

        @Test
        void countsCodePoints() {
            assertEquals(i(3), call("😀a😀b", "find", s("b")));
            assertEquals(i(2), call("😀a😀b", "find", s("😀"), i(1)));
            assertEquals(i(2), call("😀a😀b", "rfind", s("😀")));
            assertEquals(i(-1), call("😀a😀b", "find", s("b"), i(0), i(3)));
        }

        @Test
        void keywordArguments() {
            assertEquals(i(3), callKw("abcabc", "find", kw("sub", s("a"), "start", i(1), "end", NullValue.NULL)));
            assertEquals(i(0), callKw("abcabc", "rfind", kw("end", i(3)), s("a")));
        }

        @Test
        void argumentTypes() {
            assertEquals("expected String, got Integer", fails(ErrorCode.R_TYPE, () -> call("abc", "find", i(1))).getMessage());
            assertEquals("expected Integer, got Boolean",
                    fails(ErrorCode.R_TYPE, () -> call("abc", "find", s("a"), BooleanValue.TRUE)).getMessage());
            assertEquals("find: missing argument 'sub'", fails(ErrorCode.R_ARGUMENT, () -> call("abc", "find")).getMessage());
            assertEquals("rfind: unexpected keyword argument 'x'",
                    fails(ErrorCode.R_ARGUMENT, () -> callKw("abc", "rfind", kw("x", i(1)), s("a"))).getMessage());
        }
    }

    @Nested
    class StartsAndEnds {

        @Test
        void slices() {
            assertEquals(BooleanValue.TRUE, call("abc", "startswith", s(""), i(3)));
            assertEquals(BooleanValue.FALSE, call("abc", "startswith", s(""), i(4)));
            assertEquals(BooleanValue.TRUE, call("abcdef", "startswith", s("cd"), i(2)));
            assertEquals(BooleanValue.TRUE, call("abcdef", "endswith", s("cd"), i(0), i(4)));
            assertEquals(BooleanValue.FALSE, call("abcdef", "endswith", s("cd"), i(3), i(4)));
            assertEquals(BooleanValue.TRUE, call("abcdef", "startswith", s("ef"), i(-2)));
        }

        @Test
        void arrayOfCandidates() {
            assertEquals(BooleanValue.TRUE, call("web01", "startswith", ArrayValue.of(s("db"), s("web"))));
            assertEquals(BooleanValue.FALSE, call("web01", "startswith", new ArrayValue()));
            assertEquals("expected String, got Integer",
                    fails(ErrorCode.R_TYPE, () -> call("web01", "startswith", ArrayValue.of(i(1)))).getMessage());
            assertEquals("expected String or Array, got Integer",
                    fails(ErrorCode.R_TYPE, () -> call("web01", "endswith", i(1))).getMessage());
        }

        @Test
        void keywordNames() {
            assertEquals(BooleanValue.TRUE, callKw("abc", "startswith", kw("prefix", s("b"), "start", i(1))));
            assertEquals(BooleanValue.TRUE, callKw("abc", "endswith", kw("suffix", s("b"), "end", i(2))));
        }

        @Test
        void codePoints() {
            assertEquals(BooleanValue.TRUE, call("😀ab", "startswith", s("a"), i(1)));
            assertEquals(BooleanValue.TRUE, call("a😀b", "endswith", s("😀"), i(0), i(2)));
        }
    }

    @Nested
    class Replace {

        @Test
        void allOrSome() {
            assertEquals(s("bb"), call("aaaa", "replace", s("aa"), s("b")));
            assertEquals(s("a/b.c"), call("a.b.c", "replace", s("."), s("/"), i(1)));
            assertEquals(s("abc"), call("abc", "replace", s("x"), s("y")));
            assertEquals(s("aaa"), call("aaa", "replace", s("a"), s("b"), i(0)));
        }

        @Test
        void emptyOldInsertsEverywhere() {
            assertEquals(s("-a-b-c-"), call("abc", "replace", s(""), s("-")));
            assertEquals(s("-a-bc"), call("abc", "replace", s(""), s("-"), i(2)));
            assertEquals(s("-😀-"), call("😀", "replace", s(""), s("-")));
        }

        @Test
        void keywordNames() {
            assertEquals(s("xbc"), callKw("abc", "replace", kw("old", s("a"), "new", s("x"), "count", i(-1))));
        }
    }

    @Nested
    class Split {

        @Test
        void whitespaceWithMaxsplit() {
            assertEquals("['a', 'b  c  ']", nested(call("  a b  c  ", "split", NullValue.NULL, i(1))));
            assertEquals("['  a b', 'c']", nested(call("  a b  c  ", "rsplit", NullValue.NULL, i(1))));
            assertEquals("['a b c']", nested(call("a b c", "split", NullValue.NULL, i(0))));
            assertEquals("['a b  ']", nested(call("  a b  ", "split", NullValue.NULL, i(0))));
            assertEquals("['  a b']", nested(call("  a b  ", "rsplit", NullValue.NULL, i(0))));
        }

        @Test
        void separator() {
            assertEquals("['a,b', 'c']", nested(call("a,b,c", "rsplit", s(","), i(1))));
            assertEquals("['a,b,c']", nested(call("a,b,c", "split", s(","), i(0))));
            assertEquals("['', 'a']", nested(call("aaa", "split", s("aa"))));
            assertEquals("['a', '']", nested(call("aaa", "rsplit", s("aa"))));
            assertEquals("['', 'a', '']", nested(call(",a,", "split", s(","))));
            assertEquals("['']", nested(call("", "rsplit", s(","))));
            assertEquals("[]", nested(call("", "split")));
        }

        @Test
        void whitespaceIsTheD27Set() {
            assertEquals("['a', 'b', 'c']", nested(call("a\u001cb\u00a0c", "split")));
            assertEquals("['a\\u200bb']", nested(call("a\u200bb", "split")));
        }

        @Test
        void keywordNames() {
            assertEquals("['a', 'b,c']", nested(callKw("a,b,c", "split", kw("sep", s(","), "maxsplit", i(1)))));
        }

        @Test
        void emptySeparatorIsAValueError() {
            assertEquals("empty separator", fails(ErrorCode.R_VALUE, () -> call("abc", "split", s(""))).getMessage());
            fails(ErrorCode.R_VALUE, () -> call("abc", "rsplit", s("")));
            fails(ErrorCode.R_TYPE, () -> call("abc", "split", i(1)));
        }
    }

    @Nested
    class SplitLines {

        @Test
        void everyBoundary() {
            String text = "a\nb\r\nc\rd\u000be\u000cf\u001cg\u001dh\u001ei\u0085j\u2028k\u2029l";
            assertEquals("['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']", nested(call(text, "splitlines")));
        }

        @Test
        void noEmptyElementAfterTheLastBoundary() {
            assertEquals("['a', '', 'b']", nested(call("a\n\nb", "splitlines")));
            assertEquals("['']", nested(call("\n", "splitlines")));
            assertEquals("[]", nested(call("", "splitlines")));
        }

        @Test
        void keepEnds() {
            assertEquals("['a\\r\\n', 'b\\n']", nested(call("a\r\nb\n", "splitlines", BooleanValue.TRUE)));
            assertEquals("['a']", nested(callKw("a", "splitlines", kw("keepends", BooleanValue.TRUE))));
        }
    }

    @Nested
    class StripAndCase {

        @Test
        void stripCharacters() {
            assertEquals(s("hi"), call("xxhixx", "strip", s("x")));
            assertEquals(s("c"), call("abcba", "strip", s("ab")));
            assertEquals(s("abc"), call("abc", "strip", s("")));
            assertEquals(s("a"), call("😀a😀", "strip", s("😀")));
            assertEquals(s("b"), callKw("aba", "strip", kw("chars", s("a"))));
        }

        @Test
        void stripWhitespace() {
            assertEquals(s("x"), call("\u3000x\u0085", "strip"));
            assertEquals(s("\u200bx"), call("\u200bx", "strip"));
        }

        @Test
        void lowerAndUpper() {
            assertEquals(s("ǆ"), call("ǅ", "lower"));
            assertEquals(s("Ǆ"), call("ǅ", "upper"));
            assertEquals(s("οδος οδος"), call("ΟΔΟΣ ΟΔΟΣ", "lower"));
            assertEquals(s("FI"), call("ﬁ", "upper"));
        }

        @Test
        void caseMappingIgnoresTheDefaultLocale() {
            Locale saved = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("tr"));
                assertEquals(s("title"), call("TITLE", "lower"));
                assertEquals(s("FILE"), call("file", "upper"));
            } finally {
                Locale.setDefault(saved);
            }
        }
    }

    @Nested
    class Join {

        @Test
        void emptyAndSingle() {
            assertEquals(s(""), call(",", "join", new ArrayValue()));
            assertEquals(s("a"), call(",", "join", ArrayValue.of(s("a"))));
            assertEquals(s("a,b"), callKw(",", "join", kw("list", ArrayValue.of(s("a"), s("b")))));
        }

        @Test
        void nonStringElementsAndNonArrays() {
            assertEquals("expected String, got Integer",
                    fails(ErrorCode.R_TYPE, () -> call(",", "join", ArrayValue.of(s("a"), i(1)))).getMessage());
            assertEquals("expected Array, got String", fails(ErrorCode.R_TYPE, () -> call(",", "join", s("ab"))).getMessage());
        }
    }

    @Nested
    class Encode {

        @Test
        void utf8ByDefault() {
            assertEquals("b'\\xc3\\xa9'", nested(call("é", "encode")));
        }

        @Test
        void namedEncoding() {
            assertEquals("b'\\xe9'", nested(call("é", "encode", s("latin-1"))));
            assertEquals("b'\\xe9'", nested(callKw("é", "encode", kw("encoding", s("Latin_1")))));
        }

        @Test
        void failures() {
            assertEquals("cannot encode with 'ascii': unmappable character U+00E9 at position 1",
                    fails(ErrorCode.R_ENCODING, () -> call("aé", "encode", s("ascii"))).getMessage());
            assertEquals("unknown encoding 'nope'", fails(ErrorCode.R_VALUE, () -> call("a", "encode", s("nope"))).getMessage());
        }
    }

    @Nested
    class MethodSet {

        @ParameterizedTest
        @ValueSource(strings = {"format", "join", "find", "rfind", "startswith", "endswith", "encode", "lower", "upper",
            "replace", "split", "rsplit", "splitlines", "strip"})
        void everyDocumentedMethodExists(String name) {
            assertTrue(Members.hasMethod(s("x"), name));
            assertEquals(new MethodValue(s("x"), name), Members.attribute(s("x"), name));
        }

        @ParameterizedTest
        @ValueSource(strings = {"lstrip", "rstrip", "title", "count", "index", "isdigit", "zfill"})
        void noOtherMethodExists(String name) {
            assertFalse(Members.hasMethod(s("x"), name));
            assertEquals("String value has no attribute '" + name + "'",
                    fails(ErrorCode.R_ATTRIBUTE, () -> Members.attribute(s("x"), name)).getMessage());
        }

        @Test
        void methodsWithoutParametersRejectArguments() {
            assertEquals("lower: too many arguments", fails(ErrorCode.R_ARGUMENT, () -> call("A", "lower", i(1))).getMessage());
        }
    }
}
