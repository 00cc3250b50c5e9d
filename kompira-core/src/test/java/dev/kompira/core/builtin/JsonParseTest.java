package dev.kompira.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code json_parse(data, strict=false)} of builtins.md §4 and §5.5. */
class JsonParseTest {

    private static Value parse(Value data, boolean strict) {
        BuiltinFunction f = BuiltinFunctions.get("json_parse");
        Arguments arguments = new Arguments(List.of(data), Map.of("strict", BooleanValue.of(strict)));
        return f.call(f.signature().bind(arguments), null);
    }

    private static Value parse(String json) {
        return parse(StringValue.of(json), false);
    }

    private static String failure(Value data, boolean strict) {
        JobflowError e = assertThrows(JobflowError.class, () -> parse(data, strict));
        assertEquals(ErrorCode.R_CALL_FAILED, e.code());
        return e.getMessage();
    }

    private static String failure(String json) {
        String message = failure(StringValue.of(json), false);
        assertTrue(message.matches("json_parse: .+ at line \\d+ column \\d+"), message);
        return message;
    }

    @Test
    void builtinsSpecExample() {
        Value doc = parse("{\"host\": \"db01\", \"ports\": [5432, 6432], \"tls\": true, \"ratio\": 0.25}");
        assertEquals("{host='db01', ports=[5432, 6432], tls=true, ratio=0.25} 6432",
                Rendering.text(doc) + " " + Rendering.text(Members.subscript(Members.attribute(doc, "ports"),
                        IntegerValue.ONE)));
    }

    @Test
    void scalarsMapToTheirValues() {
        assertSame(NullValue.NULL, parse("null"));
        assertSame(BooleanValue.TRUE, parse("true"));
        assertSame(BooleanValue.FALSE, parse(" false "));
        assertEquals(StringValue.of("a\"b\\c/d\n😀é"), parse("\"a\\\"b\\\\c\\/d\\n\\ud83d\\ude00\\u00e9\""));
    }

    @Test
    void numbersWithoutFractionOrExponentAreIntegers() {
        assertInstanceOf(IntegerValue.class, parse("-0"));
        assertEquals(IntegerValue.of(-42), parse("-42"));
        BigInteger big = BigInteger.TWO.pow(200).negate();
        assertEquals(IntegerValue.of(big), parse(big.toString()));
        String thousandDigits = "9".repeat(5000);
        assertEquals(IntegerValue.of(new BigInteger(thousandDigits)), parse(thousandDigits));
    }

    @Test
    void numbersWithFractionOrExponentAreFloats() {
        assertEquals(new FloatValue(1.0), assertInstanceOf(FloatValue.class, parse("1.0")));
        assertEquals(new FloatValue(100000.0), assertInstanceOf(FloatValue.class, parse("1E5")));
        assertEquals(new FloatValue(0.25), parse("25e-2"));
        assertEquals(new FloatValue(Double.POSITIVE_INFINITY), parse("1e400"));
    }

    @Test
    void nonFiniteLiteralsAreAccepted() {
        assertTrue(Double.isNaN(((FloatValue) parse("NaN")).value()));
        assertEquals(new FloatValue(Double.POSITIVE_INFINITY), parse("Infinity"));
        assertEquals(new FloatValue(Double.NEGATIVE_INFINITY), parse("-Infinity"));
        assertEquals(new FloatValue(Double.NEGATIVE_INFINITY), ((ArrayValue) parse("[-Infinity]")).get(0));
    }

    @Test
    void nonFiniteSpellingsPythonRejectsAreRejected() {
        for (String json : List.of("+Infinity", "-INF", "+INF", "INF", "nan", "inf")) {
            failure(json);
        }
    }

    @Test
    void duplicateKeysLastValueWinsAtFirstPosition() {
        DictionaryValue d = (DictionaryValue) parse("{\"a\": 1, \"b\": 2, \"a\": 3}");
        assertEquals("{a=3, b=2}", Rendering.text(d));
    }

    @Test
    void memberOrderIsKept() {
        assertEquals(List.of("z", "a", "m"), ((DictionaryValue) parse("{\"z\":1,\"a\":2,\"m\":3}")).keys().stream()
                .map(Rendering::text).toList());
    }

    @Test
    void controlCharactersInStringsDependOnStrict() {
        String json = "\"tab\there\u0001\"";
        assertEquals(StringValue.of("tab\there\u0001"), parse(StringValue.of(json), false));
        String message = failure(StringValue.of(json), true);
        assertTrue(message.startsWith("json_parse: ") && message.endsWith(" at line 1 column 5"), message);
    }

    @Test
    void binaryIsDecodedAsUtf8() {
        BinaryValue data = BinaryValue.of("{\"名前\": \"ジョブ\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{名前='ジョブ'}", Rendering.text(parse(data, false)));
        byte[] withBom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '[', '1', ']'};
        assertEquals("[1]", Rendering.text(parse(BinaryValue.of(withBom), false)));
        assertEquals("json_parse: data is not valid UTF-8", failure(BinaryValue.of(new byte[] {'"', (byte) 0xff, '"'}),
                false));
    }

    @Test
    void otherDataTypesFail() {
        assertEquals("json_parse: data must be a String or Binary", failure(IntegerValue.of(1), false));
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertEquals("json_parse: expecting value at line 1 column 1", failure(""));
        assertEquals("json_parse: extra data at line 1 column 5", failure("[1] 2"));
        assertTrue(failure("{\n  \"a\": }").endsWith(" at line 2 column 8"));
        assertTrue(failure("[1, 2").contains(" at line 1 column "));
        for (String json : List.of("[1,]", "{\"a\":1,}", "{'a': 1}", "{a: 1}", "01", "\"\\x\"", "tru", "[1 2]", "]",
                "// c\n1", "\"abc")) {
            failure(json);
        }
    }

    @Test
    void errorDetailsDoNotMentionJacksonInternals() {
        String message = failure("[1, 2");
        assertTrue(!message.contains("Source") && !message.contains("REDACTED") && !message.contains("+INF"), message);
        String comment = failure("// c\n1");
        assertTrue(!comment.contains("Feature") && !comment.contains("\n"), comment);
    }

    @Test
    void nestingIsLimited() {
        int max = JsonFunctions.MAX_DEPTH;
        assertInstanceOf(ArrayValue.class, parse("[".repeat(max) + "]".repeat(max)));
        String message = failure("[".repeat(max + 1) + "]".repeat(max + 1));
        assertTrue(message.startsWith("json_parse: maximum nesting depth (1000) exceeded at line 1 column "), message);
    }
}
