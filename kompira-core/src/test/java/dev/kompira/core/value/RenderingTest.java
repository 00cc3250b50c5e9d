package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.kompira.dsl.ast.PatternKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text and nested forms of language.md §5. */
class RenderingTest {

    static StringValue s(String s) {
        return StringValue.of(s);
    }

    static IntegerValue i(long n) {
        return IntegerValue.of(n);
    }

    static BinaryValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            raw[k] = (byte) bytes[k];
        }
        return BinaryValue.of(raw);
    }

    static TimedeltaValue seconds(long seconds, long micros) {
        return TimedeltaValue.ofMicros(seconds * 1_000_000L + micros);
    }

    @Nested
    class QuotingStrings {

        @Test
        void d46Table() {
            assertEquals("'abc'", Rendering.nested(s("abc")));
            assertEquals("\"it's\"", Rendering.nested(s("it's")));
            assertEquals("'say \"hi\"'", Rendering.nested(s("say \"hi\"")));
            assertEquals("'both \\' and \"'", Rendering.nested(s("both ' and \"")));
            assertEquals("'a\\tb\\n'", Rendering.nested(s("a\tb\n")));
            assertEquals("'C:\\\\tmp'", Rendering.nested(s("C:\\tmp")));
            assertEquals("'日本語'", Rendering.nested(s("日本語")));
            assertEquals("'\\u3000x'", Rendering.nested(s("\u3000x")));
        }

        @Test
        void controlAndNonPrintableCodePoints() {
            assertEquals("'\\r\\x00\\x1f\\x7f'", Rendering.nested(s("\r\u0000\u001f\u007f")));
            assertEquals("'\\xa0\\xad\\u200b\\u2028\\ue000'", Rendering.nested(s("\u00a0\u00ad\u200b\u2028\ue000")));
            assertEquals("'\\U000f0000é😀 '", Rendering.nested(s("\udb80\udc00é😀 ")));
        }

        @Test
        void textFormIsTheRawString() {
            assertEquals("it's \"x\"\n", Rendering.text(s("it's \"x\"\n")));
            assertEquals("'x'", Rendering.quoted("x"));
        }
    }

    @Nested
    class Floats {

        @ParameterizedTest
        @CsvSource({"1230.0, 1230.0", "0.0005, 0.0005", "3.5, 3.5", "2.0, 2.0", "1e15, 1000000000000000.0",
            "1e16, 1e+16", "1.2345678901234568e17, 1.2345678901234568e+17", "1e-5, 1e-05", "1.5e-7, 1.5e-07",
            "0.0001, 0.0001", "123456789.125, 123456789.125", "-2.5, -2.5", "1e100, 1e+100", "1.7976931348623157e308,"
                + " 1.7976931348623157e+308"})
        void d47Examples(double value, String text) {
            assertEquals(text, Rendering.formatFloat(value));
            assertEquals(text, Rendering.text(new FloatValue(value)));
        }

        @Test
        void specialValues() {
            assertEquals("-0.0", Rendering.formatFloat(-0.0));
            assertEquals("0.0", Rendering.formatFloat(0.0));
            assertEquals("inf", Rendering.formatFloat(Double.POSITIVE_INFINITY));
            assertEquals("-inf", Rendering.formatFloat(Double.NEGATIVE_INFINITY));
            assertEquals("nan", Rendering.formatFloat(Double.NaN));
        }

        @Test
        void shortestDigitsWhereJava17IsNot() {
            assertEquals("2e+23", Rendering.formatFloat(2e23));
            assertEquals("1e+23", Rendering.formatFloat(1e23));
            assertEquals("8.41e+21", Rendering.formatFloat(8.41e21));
            assertEquals("5e-324", Rendering.formatFloat(Double.MIN_VALUE));
            assertEquals("0.30000000000000004", Rendering.formatFloat(0.1 + 0.2));
        }

        @Test
        void readsBackAndIsNoLongerThanJava() {
            qt().forAll(longs().all().map(Double::longBitsToDouble)).check(RenderingTest::shortAndExact);
            qt().forAll(doubles().any()).check(RenderingTest::shortAndExact);
        }
    }

    /** The property of D47: the text reads back as {@code d} and has at most as many digits as Java's. */
    static boolean shortAndExact(double d) {
        String text = Rendering.formatFloat(d);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return text.equals(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
        }
        return Double.compare(Double.parseDouble(text), d) == 0
                && significantDigits(text) <= significantDigits(Double.toString(d));
    }

    static int significantDigits(String text) {
        String mantissa = text.split("[eE]")[0].replace("-", "").replace(".", "");
        String digits = mantissa.replaceAll("^0+", "").replaceAll("0+$", "");
        return Math.max(1, digits.length());
    }

    @Nested
    class Binaries {

        @Test
        void d48Example() {
            assertEquals("b\"\\xde\\xad '\"", Rendering.text(b(0xde, 0xad, 0x20, 0x27)));
        }

        @Test
        void escapes() {
            assertEquals("b''", Rendering.text(BinaryValue.EMPTY));
            assertEquals("b'\\x00A'", Rendering.nested(b(0x00, 'A')));
            assertEquals("b'\\t\\n\\r\\\\\\x7f~'", Rendering.text(b('\t', '\n', '\r', '\\', 0x7f, '~')));
            assertEquals("b'\\'\"'", Rendering.text(b('\'', '"')));
        }
    }

    @Nested
    class Timedeltas {

        @Test
        void d49Table() {
            assertEquals("0:00:05", Rendering.text(seconds(5, 0)));
            assertEquals("1 day, 2:03:04", Rendering.text(seconds(86_400 + 2 * 3600 + 3 * 60 + 4, 0)));
            assertEquals("-1 day, 23:59:55", Rendering.text(seconds(-5, 0)));
            assertEquals("2 days, 0:00:00.500000", Rendering.text(seconds(2 * 86_400, 500_000)));
        }

        @Test
        void zeroAndNegativeDays() {
            assertEquals("0:00:00", Rendering.text(TimedeltaValue.ZERO));
            assertEquals("-2 days, 0:00:00", Rendering.text(seconds(-2 * 86_400, 0)));
            assertEquals("0:45:00", Rendering.text(seconds(2700, 0)));
        }
    }

    @Nested
    class DatesAndTimes {

        @Test
        void section56Examples() {
            ZonedDateTime tokyo = ZonedDateTime.of(2024, 3, 9, 7, 5, 3, 0, ZoneId.of("Asia/Tokyo"));
            assertEquals("2024-03-09 07:05:03+09:00", Rendering.text(new DatetimeValue(tokyo)));
            ZonedDateTime utc = ZonedDateTime.of(2024, 3, 9, 7, 5, 3, 120_000_000, ZoneOffset.UTC);
            assertEquals("2024-03-09 07:05:03.120000+00:00", Rendering.text(new DatetimeValue(utc)));
            assertEquals("2024-03-09", Rendering.text(new DateValue(LocalDate.of(2024, 3, 9))));
            assertEquals("07:05:03", Rendering.text(new TimeValue(LocalTime.of(7, 5, 3))));
        }

        @Test
        void negativeOffset() {
            ZonedDateTime ny = ZonedDateTime.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5), ZoneId.of("America/New_York"));
            assertEquals("2024-01-02 03:04:05-05:00", Rendering.text(new DatetimeValue(ny)));
        }
    }

    @Nested
    class Containers {

        @Test
        void section59Examples() {
            ArrayValue items = ArrayValue.of(i(1), new FloatValue(2.50), s("x"), s("it's"), NullValue.NULL,
                    BooleanValue.TRUE, b(0x00, 'A'), new ArrayValue(), new DictionaryValue());
            assertEquals("[1, 2.5, 'x', \"it's\", null, true, b'\\x00A', [], {}]", Rendering.text(items));
            assertEquals("items: 2.5 x", "items: " + Rendering.text(items.get(1)) + " " + Rendering.text(items.get(2)));

            DictionaryValue d = new DictionaryValue();
            d.put("name", s("web01"));
            d.put("tags", ArrayValue.of(s("a"), s("b")));
            d.put("at", new DatetimeValue(ZonedDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneId.of("Asia/Tokyo"))));
            String expected = "{name='web01', tags=['a', 'b'], at=2024-05-01 12:00:00+09:00}";
            assertEquals(expected, Rendering.text(d));
            assertEquals("host=" + expected, "host=" + Rendering.text(d));
        }

        @Test
        void documentedRenderings() {
            DictionaryValue baz = new DictionaryValue();
            baz.put("a", i(777));
            baz.put("b", i(999));
            DictionaryValue d = new DictionaryValue();
            d.put("foo", i(1));
            d.put("bar", BooleanValue.FALSE);
            d.put("baz", baz);
            d.put("arr", ArrayValue.of(i(1), i(2), i(3)));
            assertEquals("{foo=1, bar=false, baz={a=777, b=999}, arr=[1, 2, 3]}", Rendering.text(d));
            ArrayValue a = ArrayValue.of(i(1), BooleanValue.FALSE, s("foo"), ArrayValue.of(s("nested"), s("array")),
                    s("added"));
            assertEquals("[1, false, 'foo', ['nested', 'array'], 'added']", Rendering.text(a));
        }

        @Test
        void d44KeysInTextForm() {
            DictionaryValue d = new DictionaryValue();
            d.put(s("a b"), i(1));
            d.put(i(2), s("x"));
            assertEquals("{a b=1, 2='x'}", Rendering.text(d));
        }

        @Test
        void d50Cycles() {
            ArrayValue a = ArrayValue.of(i(1), s("two"));
            a.items().set(0, a);
            assertEquals("[[...], 'two']", Rendering.text(a));

            DictionaryValue d = new DictionaryValue();
            d.put("self", d);
            d.put("list", ArrayValue.of(d));
            assertEquals("{self={...}, list=[{...}]}", Rendering.text(d));
        }

        @Test
        void sharingWithoutACycleIsRenderedInFull() {
            ArrayValue shared = ArrayValue.of(i(1));
            assertEquals("[[1], [1]]", Rendering.text(ArrayValue.of(shared, shared)));
        }
    }

    @Nested
    class OtherValues {

        @Test
        void patternsAndMethods() {
            assertEquals("g'*.log'i", Rendering.text(PatternValue.of(PatternKind.GLOB, "*.log", true)));
            assertEquals("r\"it's\"", Rendering.nested(PatternValue.of(PatternKind.REGEX, "it's", false)));
            assertEquals("<method find>", Rendering.text(new MethodValue(s("x"), "find")));
        }

        @Test
        void integersBooleansNull() {
            assertEquals("-12", Rendering.text(i(-12)));
            assertEquals("true false null", Rendering.text(BooleanValue.TRUE) + " " + Rendering.text(BooleanValue.FALSE)
                    + " " + Rendering.text(NullValue.NULL));
        }
    }

    @Test
    void independentOfTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertEquals("1e+16 -1 day, 23:59:55 b'\\x01'", Rendering.text(new FloatValue(1e16)) + " "
                    + Rendering.text(seconds(-5, 0)) + " " + Rendering.text(b(1)));
            assertEquals("01:02:03", Rendering.text(new TimeValue(LocalTime.of(1, 2, 3))));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
