package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code String.format} (language.md §4.4, D29). Expected texts are those of the spec or, for the
 * mini-language, those of Python's {@code str.format}.
 */
class StringFormatTest {

    static String format(String template, Value... args) {
        return ((StringValue) Members.call(StringValue.of(template), "format", Arguments.of(args))).value();
    }

    static String format(String template, Map<String, Value> keywords, Value... args) {
        Value result = Members.call(StringValue.of(template), "format", new Arguments(List.of(args), keywords));
        return ((StringValue) result).value();
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

    static String valueError(String template, Value... args) {
        JobflowError e = assertThrows(JobflowError.class, () -> format(template, args));
        assertEquals(ErrorCode.R_VALUE, e.code(), e.getMessage());
        return e.getMessage();
    }

    @Nested
    class SpecExamples {

        @Test
        void automaticNumbering() {
            assertEquals("3 of 10", format("{} of {}", i(3), i(10)));
        }

        @Test
        void explicitIndexTwice() {
            assertEquals("ab-ab", format("{0}-{0}", s("ab")));
        }

        @Test
        void keywordWithAlignment() {
            assertEquals("     x|", format("{name:>6}|", Map.of("name", s("x"))));
        }

        @Test
        void numericTypes() {
            assertEquals("00042 2.2 ff", format("{:05d} {:.1f} {:x}", i(42), f(2.25), i(255)));
        }

        @Test
        void thousands() {
            assertEquals("1,234,567", format("{:,}", i(1234567)));
        }
    }

    @Nested
    class Fields {

        @Test
        void withoutSpecTheTextForm() {
            assertEquals("[1, 'a'] null true 2.5 1e+16 b'x'",
                    format("{} {} {} {} {} {}", ArrayValue.of(i(1), s("a")), NullValue.NULL, BooleanValue.TRUE, f(2.5),
                            f(1e16), BinaryValue.of(new byte[] {'x'})));
            assertEquals("0.1", format("{:}", f(0.1)));
        }

        @Test
        void conversions() {
            assertEquals("'a' a", format("{!r} {!s}", s("a"), s("a")));
            assertEquals("\"it's\"|  'x'|", format("{0!r}|{1!r:>5}|", s("it's"), s("x")));
            assertEquals("[1]", format("{!s}", ArrayValue.of(i(1))));
        }

        @Test
        void doubledBraces() {
            assertEquals("{7}", format("{{{}}}", i(7)));
            assertEquals("{0}", format("{{0}}"));
        }

        @Test
        void explicitIndexesInAnyOrder() {
            assertEquals("aba", format("{0}{1}{0}", s("a"), s("b")));
            assertEquals("b", format("{00001}", s("a"), s("b")));
        }

        @Test
        void nestedFieldsInTheSpec() {
            assertEquals("x   |", format("{:{}}|", s("x"), i(4)));
            assertEquals("    3.14", format("{:{w}.{p}f}", Map.of("w", i(8), "p", i(2)), f(3.14159)));
        }

        @Test
        void keywordsDoNotAffectNumbering() {
            assertEquals("a-k-b", format("{}-{k}-{}", Map.of("k", s("k")), s("a"), s("b")));
        }
    }

    @Nested
    class FieldErrors {

        @Test
        void mixingNumberingStyles() {
            assertEquals("cannot switch from automatic field numbering to manual field specification",
                    valueError("{}{0}", i(1)));
            assertEquals("cannot switch from manual field specification to automatic field numbering",
                    valueError("{0}{}", i(1)));
        }

        @Test
        void missingIndexOrName() {
            assertEquals("replacement index 1 out of range (1 positional arguments)", valueError("{} {}", i(1)));
            assertEquals("replacement index 3 out of range (0 positional arguments)", valueError("{3}"));
            assertEquals("no keyword argument 'host' for format field", valueError("{host}"));
        }

        @Test
        void attributeAndItemChains() {
            assertEquals("attribute and item access is not supported in format field '0.x'", valueError("{0.x}", i(1)));
            assertEquals("attribute and item access is not supported in format field '0[1]'",
                    valueError("{0[1]}", ArrayValue.of(i(1), i(2))));
        }

        @Test
        void conversionsOtherThanSAndR() {
            assertEquals("unknown conversion specifier 'a'", valueError("{!a}", s("x")));
            assertEquals("end of string while looking for conversion specifier", valueError("{!}", s("x")));
            assertEquals("expected ':' after conversion specifier", valueError("{!rx}", s("x")));
        }

        @Test
        void unbalancedBraces() {
            assertEquals("single '}' encountered in format string", valueError("a}b"));
            assertEquals("single '{' encountered in format string", valueError("a{"));
            assertEquals("expected '}' before end of string", valueError("{0", i(1)));
        }

        @Test
        void nestingTooDeep() {
            assertEquals("max string recursion exceeded", valueError("{:{:{}}}", i(1), i(2), i(3)));
        }
    }

    @Nested
    class StringSpecs {

        @Test
        void alignmentAndFill() {
            assertEquals("***mid***", format("{:*^9}", s("mid")));
            assertEquals("ab|ab   |ab   |   ab| ab  ",
                    format("{:.2}|{:5}|{:<5}|{:>5}|{:^5}", s("abc"), s("ab"), s("ab"), s("ab"), s("ab")));
        }

        @Test
        void zeroFlagFillsWithoutChangingTheAlignment() {
            assertEquals("ab000", format("{:05}", s("ab")));
        }

        @Test
        void widthAndPrecisionCountCodePoints() {
            assertEquals("日本    |😀😀", format("{:6}|{:.2}", s("日本"), s("😀😀😀")));
        }

        @Test
        void anyValueInTextFormWithS() {
            assertEquals("42   |true |[1]  ", format("{:5s}|{:5}|{:5}", i(42), BooleanValue.TRUE, ArrayValue.of(i(1))));
        }

        @Test
        void numberOnlyOptions() {
            assertEquals("sign not allowed in string format specifier", valueError("{:+}", s("a")));
            assertEquals("alternate form (#) not allowed in string format specifier", valueError("{:#}", s("a")));
            assertEquals("'=' alignment not allowed in string format specifier", valueError("{:=5}", s("a")));
            assertEquals("cannot specify ',' with 's'", valueError("{:,}", s("a")));
        }
    }

    @Nested
    class IntegerSpecs {

        @Test
        void signs() {
            assertEquals("+5  5 -5", format("{:+d} {: d} {:-d}", i(5), i(5), i(-5)));
            assertEquals("+     42", format("{:=+8}", i(42)));
            assertEquals("-+123,456--", format("{:-^+11,}", i(123456)));
        }

        @Test
        void bases() {
            assertEquals("0xff 0o10 0b101 0XFF", format("{:#x} {:#o} {:#b} {:#X}", i(255), i(8), i(5), i(255)));
            assertEquals("-0x1f", format("{:#x}", i(-31)));
        }

        @Test
        void character() {
            assertEquals("日", format("{:c}", i(0x65e5)));
            assertEquals("0000A", format("{:05c}", i(65)));
            assertEquals("%c arg not in range(0x110000)", valueError("{:c}", i(0x110000)));
            assertEquals("%c arg not in range(0x110000)", valueError("{:c}", i(0xd800)));
            assertEquals("sign not allowed with integer format specifier 'c'", valueError("{:+c}", i(65)));
        }

        @Test
        void grouping() {
            assertEquals("1_234_567 ab_cdef", format("{:_} {:_x}", i(1234567), i(0xabcdef)));
            assertEquals("100,000,000,000,000,000,000", format("{:,d}", IntegerValue.of(BigInteger.TEN.pow(20))));
            assertEquals("cannot specify ',' with 'x'", valueError("{:,x}", i(1)));
            assertEquals("cannot specify both ',' and '_'", valueError("{:,_}", i(1)));
        }

        @Test
        void zeroPaddingGoesThroughTheGroups() {
            assertEquals("00,001,234", format("{:010,}", i(1234)));
            assertEquals("0,001,234", format("{:08,}", i(1234)));
        }

        @Test
        void explicitFillIsNotTheZeroFlag() {
            assertEquals("7xxxx", format("{:x<05}", i(7)));
            assertEquals("40000", format("{:<05}", i(4)));
        }

        @Test
        void floatTypesConvert() {
            assertEquals("42.000000", format("{:f}", i(42)));
            assertEquals("integer too large to convert to float",
                    valueError("{:e}", IntegerValue.of(BigInteger.TEN.pow(400))));
        }

        @Test
        void precisionIsNotAllowed() {
            assertEquals("precision not allowed in integer format specifier", valueError("{:.2}", i(1)));
        }
    }

    @Nested
    class FloatSpecs {

        @Test
        void exponentAndGeneral() {
            assertEquals("1.234568e+04 1.200000E-04", format("{:e} {:E}", f(12345.678), f(0.00012)));
            assertEquals("1.23457e+06 0.0001 1E-05", format("{:g} {:g} {:G}", f(1234567.0), f(0.0001), f(1e-5)));
        }

        @Test
        void percent() {
            assertEquals("50.000000% 12.5%", format("{:%} {:.1%}", f(0.5), f(0.125)));
        }

        @Test
        void roundingIsHalfToEvenOnTheBinaryValue() {
            assertEquals("0 2 2 2.67 1.2e-01", format("{:.0f} {:.0f} {:.0f} {:.2f} {:.1e}", f(0.5), f(1.5), f(2.5),
                    f(2.675), f(0.125)));
        }

        @Test
        void precisionWithoutTypeKeepsADigitAfterThePoint() {
            assertEquals("2.0 1e+20 0e+00 7.7e+05 123.0", format("{:.3} {:.3} {:.1} {:.2} {:.4}", f(2.0), f(1e20), f(0.0),
                    f(769649.0), f(123.0)));
        }

        @Test
        void widthAndGrouping() {
            assertEquals("    -3.142|3.142e+04 |", format("{:10.3f}|{:<10.3e}|", f(-3.14159), f(31415.9)));
            assertEquals("1,234,567.89 -1,234,567.5", format("{:,.2f} {:,}", f(1234567.891), f(-1234567.5)));
        }

        @Test
        void alternateForm() {
            assertEquals("2. 1.00 1.e+16", format("{:#.0f} {:#.3g} {:#}", f(2.0), f(1.0), f(1e16)));
        }

        @Test
        void specialValues() {
            assertEquals("INF nan -INF -0.0", format("{:F} {:f} {:E} {:+}", f(Double.POSITIVE_INFINITY), f(Double.NaN),
                    f(Double.NEGATIVE_INFINITY), f(-0.0)));
            assertEquals("-00000000000000inf", format("{:0=18,.18}", f(Double.NEGATIVE_INFINITY)));
        }

        @Test
        void integerTypesAreRejected() {
            assertEquals("unknown format code 'd' for Float", valueError("{:d}", f(1.0)));
        }
    }

    @Nested
    class NonNumbers {

        @Test
        void booleansAreNotNumbers() {
            assertEquals("unknown format code 'd' for Boolean", valueError("{:d}", BooleanValue.TRUE));
            assertEquals("unknown format code 'f' for Null", valueError("{:f}", NullValue.NULL));
            assertEquals("unknown format code 'x' for String", valueError("{:x}", s("ff")));
        }

        @Test
        void malformedSpecs() {
            assertEquals("invalid format specifier '5ss'", valueError("{:5ss}", s("a")));
            assertEquals("format specifier missing precision", valueError("{:.}", f(1.0)));
            assertEquals("too many decimal digits in format string", valueError("{:9999999999}", s("a")));
        }
    }
}
