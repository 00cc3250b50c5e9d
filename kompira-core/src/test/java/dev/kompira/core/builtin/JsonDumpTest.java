package dev.kompira.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.ExternalValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code json_dump(obj, ensure_ascii=true, indent=null)} of builtins.md §4, §5.5 and D134. */
class JsonDumpTest {

    private static String dump(Value obj, Map<String, Value> keywords) {
        BuiltinFunction f = BuiltinFunctions.get("json_dump");
        return ((StringValue) f.call(f.signature().bind(new Arguments(List.of(obj), keywords)), null)).value();
    }

    private static String dump(Value obj) {
        return dump(obj, Map.of());
    }

    private static String indented(Value obj, Value indent) {
        return dump(obj, Map.of("indent", indent));
    }

    private static String unicode(Value obj) {
        return dump(obj, Map.of("ensure_ascii", BooleanValue.FALSE));
    }

    private static String failure(Value obj) {
        JobflowError e = assertThrows(JobflowError.class, () -> dump(obj));
        assertEquals(ErrorCode.R_CALL_FAILED, e.code());
        return e.getMessage();
    }

    private static StringValue s(String text) {
        return StringValue.of(text);
    }

    private static IntegerValue i(long n) {
        return IntegerValue.of(n);
    }

    private static DictionaryValue dict(Object... pairs) {
        DictionaryValue d = new DictionaryValue();
        for (int k = 0; k < pairs.length; k += 2) {
            Value key = pairs[k] instanceof String str ? s(str) : (Value) pairs[k];
            d.put(key, (Value) pairs[k + 1]);
        }
        return d;
    }

    private static ExternalValue external(String type, String text) {
        return new ExternalValue() {
            @Override
            public String text() {
                return text;
            }

            @Override
            public String typeName() {
                return type;
            }
        };
    }

    @Test
    void builtinsSpecExamples() {
        assertEquals("{\"name\": \"\\u30b8\\u30e7\\u30d6\", \"n\": [1, 2.5, null]}",
                dump(dict("name", s("ジョブ"), "n", ArrayValue.of(i(1), new FloatValue(2.5), NullValue.NULL))));
        assertEquals("{\"name\": \"ジョブ\"}", unicode(dict("name", s("ジョブ"))));
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ]\n}", indented(dict("a", ArrayValue.of(i(1), i(2))), i(2)));
    }

    @Test
    void jsonMappingExampleOfD134() {
        Value list = ArrayValue.of(
                new DatetimeValue(ZonedDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC)),
                TimedeltaValue.ofMicros(86_405_000_000L),
                external("Object", "/"),
                new FloatValue(1.0e20));
        assertEquals("[\"2024-05-01T12:00:00Z\", \"P1DT00H00M05S\", \"/\", 1e+20]", dump(list));
    }

    @Test
    void oneLineSeparators() {
        assertEquals("[1, [2, 3], {\"a\": {\"b\": []}}, {}]",
                dump(ArrayValue.of(i(1), ArrayValue.of(i(2), i(3)), dict("a", dict("b", new ArrayValue())),
                        new DictionaryValue())));
    }

    @Test
    void indentVariants() {
        Value v = dict("a", ArrayValue.of(i(1)), "b", new ArrayValue(), "c", new DictionaryValue());
        assertEquals("{\n\t\"a\": [\n\t\t1\n\t],\n\t\"b\": [],\n\t\"c\": {}\n}", indented(v, s("\t")));
        String flat = "{\n\"a\": [\n1\n],\n\"b\": [],\n\"c\": {}\n}";
        assertEquals(flat, indented(v, i(0)));
        assertEquals(flat, indented(v, i(-3)));
        assertEquals(flat, indented(v, s("")));
        assertEquals("[]", indented(new ArrayValue(), i(4)));
        assertEquals("7", indented(i(7), i(4)));
    }

    @Test
    void indentMustBeIntegerOrString() {
        JobflowError e = assertThrows(JobflowError.class, () -> indented(i(1), new FloatValue(2.0)));
        assertEquals("json_dump: indent must be an Integer, a String or null", e.getMessage());
        assertThrows(JobflowError.class, () -> indented(i(1), BooleanValue.TRUE));
    }

    @Test
    void stringEscaping() {
        assertEquals("\"\\\" \\\\ \\n \\r \\t \\b \\f \\u0000 \\u001f \\u000b / ~\"",
                dump(s("\" \\ \n \r \t \b \f \u0000 \u001f \u000b / ~")));
        assertEquals("\"\\u007f \\u00e9 \\ud83d\\ude00\"", dump(s("\u007f é 😀")));
        assertEquals("\"\u007f é 😀 \\u0001\"", unicode(s("\u007f é 😀 \u0001")));
        assertEquals("{\"\\u00e9\": 1}", dump(dict("é", i(1))));
    }

    @Test
    void numbers() {
        BigInteger big = BigInteger.TEN.pow(40).negate();
        assertEquals("[" + big + ", 0, 2.0, -0.0, 1e+16, 1e-05, 0.0001, 123.456]",
                dump(ArrayValue.of(IntegerValue.of(big), i(0), new FloatValue(2.0), new FloatValue(-0.0),
                        new FloatValue(1e16), new FloatValue(1e-5), new FloatValue(1e-4), new FloatValue(123.456))));
        assertEquals("[Infinity, -Infinity, NaN]", dump(ArrayValue.of(new FloatValue(Double.POSITIVE_INFINITY),
                new FloatValue(Double.NEGATIVE_INFINITY), new FloatValue(Double.NaN))));
    }

    @Test
    void keysOfOtherTypesUseTheirTextForm() {
        assertEquals("{\"1\": \"i\", \"1.5\": \"f\", \"true\": \"b\", \"null\": \"n\", \"inf\": \"x\"}",
                dump(dict(i(1), s("i"), new FloatValue(1.5), s("f"), BooleanValue.TRUE, s("b"), NullValue.NULL, s("n"),
                        new FloatValue(Double.POSITIVE_INFINITY), s("x"))));
    }

    @Test
    void otherKeysFail() {
        DictionaryValue d = dict(new DateValue(LocalDate.of(2024, 1, 1)), i(1));
        assertEquals("json_dump: keys must be String, Integer, Float, Boolean or null", failure(d));
    }

    @Test
    void temporalValues() {
        ZonedDateTime tokyo = ZonedDateTime.of(2024, 5, 1, 9, 30, 5, 123_456_000, ZoneId.of("Asia/Tokyo"));
        assertEquals("\"2024-05-01T09:30:05.123+09:00\"", dump(new DatetimeValue(tokyo)));
        ZonedDateTime west = ZonedDateTime.of(999, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-3, -30));
        assertEquals("\"0999-01-02T03:04:05-03:30\"", dump(new DatetimeValue(west)));
        ZonedDateTime micros = ZonedDateTime.of(2024, 5, 1, 0, 0, 0, 999_000, ZoneOffset.UTC);
        assertEquals("\"2024-05-01T00:00:00Z\"", dump(new DatetimeValue(micros)));
        assertEquals("\"2024-02-29\"", dump(new DateValue(LocalDate.of(2024, 2, 29))));
        assertEquals("\"23:59:58\"", dump(new TimeValue(LocalTime.of(23, 59, 58))));
        assertEquals("\"07:08:09.010\"", dump(new TimeValue(LocalTime.of(7, 8, 9, 10_500_000))));
    }

    @Test
    void timedeltas() {
        assertEquals("\"P0DT00H00M00S\"", dump(TimedeltaValue.ZERO));
        assertEquals("\"P1DT02H03M04S\"", dump(TimedeltaValue.ofMicros(((24L + 2) * 3600 + 3 * 60 + 4) * 1_000_000L)));
        assertEquals("\"-P0DT00H00M05S\"", dump(TimedeltaValue.ofMicros(-5_000_000L)));
        assertEquals("\"P2DT00H00M00.500000S\"", dump(TimedeltaValue.ofMicros(2 * 86_400_000_000L + 500_000L)));
        assertEquals("\"-P1DT00H00M00.000001S\"", dump(TimedeltaValue.ofMicros(-86_400_000_001L)));
    }

    @Test
    void externalValuesWithATextForm() {
        assertEquals("[\"/process/id_7\", \"root\", \"/scheduler/id_3\", \"wheel\", \"/a/b\"]",
                dump(ArrayValue.of(external("Process", "/process/id_7"), external("User", "root"),
                        external("Schedule", "/scheduler/id_3"), external("Group", "wheel"),
                        external("Object", "/a/b"))));
    }

    @Test
    void valuesWithoutJsonFormFail() {
        assertEquals("json_dump: Object of type Binary is not JSON serializable",
                failure(BinaryValue.of(new byte[] {1})));
        assertEquals("json_dump: Object of type Pattern is not JSON serializable",
                failure(ArrayValue.of(PatternValue.of(PatternKind.GLOB, "*", false))));
        assertEquals("json_dump: Object of type Method is not JSON serializable",
                failure(new MethodValue(s("x"), "upper")));
        for (String type : List.of("File", "Channel", "SessionChannel", "Function")) {
            assertEquals("json_dump: Object of type " + type + " is not JSON serializable",
                    failure(external(type, "<" + type + ">")));
        }
    }

    @Test
    void circularReferencesFail() {
        ArrayValue a = new ArrayValue();
        a.items().add(a);
        assertEquals("json_dump: circular reference detected", failure(a));
        DictionaryValue d = new DictionaryValue();
        d.put("self", ArrayValue.of(d));
        assertEquals("json_dump: circular reference detected", failure(d));
    }

    @Test
    void nestingIsLimited() {
        ArrayValue deep = new ArrayValue();
        ArrayValue innermost = deep;
        for (int k = 1; k < JsonFunctions.MAX_DEPTH; k++) {
            ArrayValue next = new ArrayValue();
            innermost.items().add(next);
            innermost = next;
        }
        assertEquals(2 * JsonFunctions.MAX_DEPTH, dump(deep).length());
        innermost.items().add(new ArrayValue());
        assertEquals("json_dump: maximum nesting depth (1000) exceeded", failure(deep));
    }

    @Test
    void sharedButAcyclicValuesAreWrittenTwice() {
        ArrayValue shared = ArrayValue.of(i(1));
        assertEquals("[[1], [1]]", dump(ArrayValue.of(shared, shared)));
    }

    @Test
    void ensureAsciiFollowsTruthiness() {
        Map<String, Value> keywords = new LinkedHashMap<>();
        keywords.put("ensure_ascii", i(0));
        assertEquals("\"é\"", dump(s("é"), keywords));
    }
}
