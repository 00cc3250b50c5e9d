package dev.kompira.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.ExternalValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Operators;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.math.BigInteger;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The conversion built-ins of builtins.md §4: int, float, string, bytes, type, decode, encode, length, has_key. */
class ConversionFunctionsTest {

    private static final CallContext CONTEXT = new CallContext() {
        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    };

    /** An Object of the tree, which this module cannot look into yet. */
    private static final ExternalValue OBJECT = new ExternalValue() {
        @Override
        public String text() {
            return "/home/ops";
        }

        @Override
        public String typeName() {
            return "Object";
        }
    };

    static Value call(String name, Value... args) {
        return call(name, new Arguments(List.of(args), Map.of()));
    }

    static Value call(String name, Arguments arguments) {
        BuiltinFunction function = BuiltinFunctions.get(name);
        assertNotNull(function, name);
        return function.call(function.signature().bind(arguments), CONTEXT);
    }

    /** The text of {@code print(values...)}: text forms joined by a space. */
    static String print(Value... values) {
        return Stream.of(values).map(Rendering::text).collect(Collectors.joining(" "));
    }

    static String failure(String name, Value... args) {
        JobflowError e = assertThrows(JobflowError.class, () -> call(name, args));
        assertEquals(ErrorCode.R_CALL_FAILED, e.code(), e.getMessage());
        return e.getMessage();
    }

    /** {@code binary.hex()}. */
    static Value hex(Value binary) {
        return Members.call(binary, "hex", Arguments.NONE);
    }

    static StringValue s(String s) {
        return StringValue.of(s);
    }

    static IntegerValue i(long n) {
        return IntegerValue.of(n);
    }

    static FloatValue f(double d) {
        return new FloatValue(d);
    }

    static BinaryValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            raw[k] = (byte) bytes[k];
        }
        return BinaryValue.of(raw);
    }

    @Nested
    class Int {

        @Test
        void specExample() {
            assertEquals("42 -7 3 1", print(call("int", s(" 42 ")), call("int", s("-7")), call("int", f(3.99)),
                    call("int", BooleanValue.TRUE)));
        }

        @Test
        void conversions() {
            assertEquals(i(-2), call("int", f(-2.7)));
            assertEquals(i(0), call("int"));
            assertEquals(i(0), call("int", BooleanValue.FALSE));
            assertEquals(i(12), call("int", s("+12")));
            assertEquals(i(7), call("int", s("\u3000007\n")));
            assertEquals(IntegerValue.of(new BigInteger("123456789012345678901234567890")),
                    call("int", s("123456789012345678901234567890")));
            assertEquals(IntegerValue.of(new BigInteger("100000000000000000000")), call("int", f(1e20)));
            IntegerValue big = IntegerValue.of(BigInteger.TWO.pow(100));
            assertEquals(big, call("int", big));
        }

        @Test
        void failures() {
            assertEquals("int: invalid literal '12a'", failure("int", s("12a")));
            assertEquals("int: invalid literal ' 1_000'", failure("int", s(" 1_000")));
            assertEquals("int: invalid literal '١٢'", failure("int", s("١٢")));
            assertEquals("int: invalid literal ''", failure("int", s("")));
            assertEquals("int: invalid literal '1.5'", failure("int", s("1.5")));
            assertEquals("int: cannot convert inf to Integer", failure("int", f(Double.POSITIVE_INFINITY)));
            assertEquals("int: cannot convert nan to Integer", failure("int", f(Double.NaN)));
            assertEquals("int: cannot convert Null to Integer", failure("int", NullValue.NULL));
            assertEquals("int: cannot convert Array to Integer", failure("int", new ArrayValue()));
        }

        @Test
        void argumentErrors() {
            JobflowError e = assertThrows(JobflowError.class, () -> call("int", i(1), i(2)));
            assertEquals(ErrorCode.R_ARGUMENT, e.code());
            assertEquals("int: too many arguments", e.getMessage());
            assertEquals(i(5), call("int", new Arguments(List.of(), Map.of("x", s("5")))));
        }
    }

    @Nested
    class Float {

        @Test
        void specExample() {
            assertEquals("250.0 -inf 7.0 3.5", print(call("float", s("2.5E+2")), call("float", s(" -inf ")),
                    call("float", i(7)), Operators.divide(i(7), call("float", i(2)))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"3", "-0.5", ".5", "1e-3", "2.5E+2", "3.", "+1.5", " 12 "})
        void decimalStrings(String text) {
            assertEquals(f(Double.parseDouble(text.strip())), call("float", s(text)));
        }

        @Test
        void specialStrings() {
            assertEquals(f(Double.POSITIVE_INFINITY), call("float", s("Infinity")));
            assertEquals(f(Double.POSITIVE_INFINITY), call("float", s("+INF")));
            assertEquals(f(Double.NEGATIVE_INFINITY), call("float", s("-infinity")));
            assertEquals("nan", Rendering.text(call("float", s("NaN"))));
            assertEquals("nan", Rendering.text(call("float", s("-nan"))));
        }

        @Test
        void otherValues() {
            assertEquals(f(0.0), call("float"));
            assertEquals(f(1.0), call("float", BooleanValue.TRUE));
            assertEquals(f(2.5), call("float", f(2.5)));
            assertEquals(f(1e300), call("float", IntegerValue.of(BigInteger.TEN.pow(300))));
            assertEquals(f(Double.POSITIVE_INFINITY), call("float", s("1e400")));
        }

        @Test
        void failures() {
            assertEquals("float: integer too large", failure("float", IntegerValue.of(BigInteger.TEN.pow(400))));
            assertEquals("float: invalid literal 'abc'", failure("float", s("abc")));
            assertEquals("float: invalid literal '1e'", failure("float", s("1e")));
            assertEquals("float: invalid literal '0x1p3'", failure("float", s("0x1p3")));
            assertEquals("float: invalid literal '1.5d'", failure("float", s("1.5d")));
            assertEquals("float: invalid literal '.'", failure("float", s(".")));
            assertEquals("float: cannot convert Dictionary to Float", failure("float", new DictionaryValue()));
        }
    }

    @Nested
    class StringAndType {

        @Test
        void stringSpecExample() {
            Value joined = Operators.add(Operators.add(call("string", i(12)), call("string", ArrayValue.of(i(1), s("a")))),
                    call("string", NullValue.NULL));
            assertEquals(s("12[1, 'a']null"), joined);
        }

        @Test
        void stringNeverQuotes() {
            assertEquals(s("it's"), call("string", s("it's")));
            assertEquals(s("/home/ops"), call("string", OBJECT));
        }

        @Test
        void typeSpecExample() {
            assertEquals("Integer Float String Array Object Null", print(call("type", i(1)), call("type", f(1.0)),
                    call("type", s("1")), call("type", new ArrayValue()), call("type", OBJECT), call("type", NullValue.NULL)));
        }

        @Test
        void typeOfEveryOtherValue() {
            assertEquals("Boolean Binary Dictionary", print(call("type", BooleanValue.TRUE), call("type", b()),
                    call("type", new DictionaryValue())));
        }
    }

    @Nested
    class Bytes {

        @Test
        void specExample() {
            assertEquals("b'\\x00\\x00\\x00' b'\\xc3\\xa9' b'Hi' e9", print(call("bytes", i(3)), call("bytes", s("é")),
                    call("bytes", ArrayValue.of(i(72), i(105))), hex(call("bytes", s("é"), s("latin-1")))));
        }

        @Test
        void otherForms() {
            assertEquals(BinaryValue.EMPTY, call("bytes"));
            assertEquals(BinaryValue.EMPTY, call("bytes", NullValue.NULL));
            assertEquals(BinaryValue.EMPTY, call("bytes", i(0)));
            assertEquals(b(1, 2), call("bytes", b(1, 2)));
            assertEquals(b(0, 255), call("bytes", ArrayValue.of(i(0), i(255))));
            assertEquals(b(0xe9), call("bytes", new Arguments(List.of(s("é")), Map.of("encoding", s("cp1252")))));
        }

        @Test
        void failures() {
            assertEquals("bytes: negative count", failure("bytes", i(-1)));
            assertEquals("bytes: count too large", failure("bytes", IntegerValue.of(1L << 40)));
            assertEquals("bytes: Array elements must be Integers 0-255, got 256", failure("bytes", ArrayValue.of(i(256))));
            assertEquals("bytes: Array elements must be Integers 0-255, got true",
                    failure("bytes", ArrayValue.of(BooleanValue.TRUE)));
            assertEquals("bytes: Array elements must be Integers 0-255, got 'a'", failure("bytes", ArrayValue.of(s("a"))));
            assertEquals("bytes: cannot convert Float to Binary", failure("bytes", f(1.0)));
            assertEquals("bytes: unknown encoding 'nope'", failure("bytes", s("a"), s("nope")));
            assertEquals("bytes: cannot encode with 'ascii': unmappable character U+00E9 at position 0",
                    failure("bytes", s("é"), s("ascii")));
            assertEquals("bytes: encoding must be a String", failure("bytes", s("a"), i(8)));
        }
    }

    @Nested
    class EncodeDecode {

        @Test
        void specExample() {
            Value raw = call("encode", s("データ"), s("shift_jis"));
            assertEquals("8366815b835e データ", print(hex(raw), call("decode", raw, s("cp932"))));
        }

        @Test
        void utf8ByDefault() {
            assertEquals(b(0xc3, 0xa9), call("encode", s("é")));
            assertEquals(s("é"), call("decode", b(0xc3, 0xa9)));
            assertEquals(s("é"), call("decode", new Arguments(List.of(), Map.of("data", b(0xe9), "encoding", s("l1")))));
            assertEquals(b(0xe9), call("encode", new Arguments(List.of(), Map.of("message", s("é"), "encoding", s("l1")))));
        }

        @Test
        void decodeFailures() {
            assertEquals("decode: data must be a Binary", failure("decode", s("abc")));
            assertEquals("decode: unknown encoding 'x-none'", failure("decode", b(0x41), s("x-none")));
            assertEquals("decode: cannot decode with 'utf-8': invalid byte 0xff at position 0", failure("decode", b(0xff)));
        }

        @Test
        void encodeFailures() {
            assertEquals("encode: message must be a String", failure("encode", b(0x41)));
            assertEquals("encode: unknown encoding 'x-none'", failure("encode", s("a"), s("x-none")));
            assertEquals("encode: cannot encode with 'latin-1': unmappable character U+3042 at position 1",
                    failure("encode", s("aあ"), s("latin-1")));
            assertEquals("encode: encoding must be a String", failure("encode", s("a"), NullValue.NULL));
        }
    }

    @Nested
    class Length {

        @Test
        void specExample() {
            DictionaryValue d = new DictionaryValue();
            d.put("a", i(1));
            assertEquals("2 2 2 1", print(call("length", s("日本")), call("length", b('a', 'b')),
                    call("length", ArrayValue.of(i(1), ArrayValue.of(i(2), i(3)))), call("length", d)));
        }

        @Test
        void countsCodePoints() {
            assertEquals(i(3), call("length", s("😀a😀")));
            assertEquals(i(0), call("length", s("")));
        }

        @Test
        void valuesWithoutALength() {
            assertEquals("length: Integer value has no length", failure("length", i(5)));
            assertEquals("length: Null value has no length", failure("length", NullValue.NULL));
            assertEquals("length: Object value has no length", failure("length", OBJECT));
        }
    }

    @Nested
    class HasKey {

        @Test
        void specExample() {
            DictionaryValue opts = new DictionaryValue();
            opts.put("verbose", BooleanValue.TRUE);
            assertEquals(BooleanValue.TRUE, call("has_key", opts, s("verbose")));
            assertEquals(BooleanValue.FALSE, call("has_key", opts, s("quiet")));
        }

        @Test
        void keysCompareWithEquality() {
            DictionaryValue d = new DictionaryValue();
            d.put(i(1), s("one"));
            assertEquals(BooleanValue.TRUE, call("has_key", d, f(1.0)));
            assertEquals(BooleanValue.FALSE, call("has_key", d, BooleanValue.TRUE));
            assertEquals(BooleanValue.FALSE, call("has_key", d, ArrayValue.of(i(1))));
        }

        @Test
        void otherValuesHaveNoKeys() {
            assertEquals(BooleanValue.FALSE, call("has_key", ArrayValue.of(i(0)), i(0)));
            assertEquals(BooleanValue.FALSE, call("has_key", s("abc"), s("a")));
            assertEquals(BooleanValue.FALSE, call("has_key", NullValue.NULL, s("a")));
            assertEquals(BooleanValue.FALSE, call("has_key", OBJECT, s("hostname")));
        }
    }
}
