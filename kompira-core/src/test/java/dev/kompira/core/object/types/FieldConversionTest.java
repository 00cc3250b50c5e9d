package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the write conversion table of objects.md §3.7, accepted and rejected, and each qualifier. */
class FieldConversionTest {

    private static final TestContext CTX = TestContext.standard();
    private static final DatetimeValue DATETIME = new DatetimeValue(
            ZonedDateTime.of(2023, 3, 6, 20, 48, 39, 956_622_000, ZoneOffset.ofHours(9)));

    private static Value convert(String declaration, Value input) {
        return convert(declaration, input, CTX);
    }

    private static Value convert(String declaration, Value input, ConversionContext ctx) {
        return FieldType.parse(declaration).convert("f", input, ctx);
    }

    private static void assertConverts(Value expected, String declaration, Value input) {
        Value actual = convert(declaration, input);
        assertTrue(Equality.equal(expected, actual) && expected.typeName().equals(actual.typeName()),
                () -> declaration + ": expected " + Rendering.nested(expected) + " but got " + Rendering.nested(actual));
    }

    private static void assertRejected(String message, String declaration, Value input) {
        assertRejected(message, declaration, input, CTX);
    }

    private static void assertRejected(String message, String declaration, Value input, ConversionContext ctx) {
        FieldValueException e = assertThrows(FieldValueException.class, () -> convert(declaration, input, ctx));
        assertEquals(message, e.getMessage());
        assertEquals("f", e.field());
        assertEquals(message.startsWith("value out of range") ? ErrorCode.R_RANGE : ErrorCode.R_UPDATE, e.code());
    }

    private static StringValue s(String text) {
        return StringValue.of(text);
    }

    private static IntegerValue i(long n) {
        return IntegerValue.of(n);
    }

    private static FloatValue f(double d) {
        return new FloatValue(d);
    }

    private static ArrayValue array(Value... items) {
        return ArrayValue.of(items);
    }

    private static DictionaryValue dict(Object... keysAndValues) {
        DictionaryValue d = new DictionaryValue();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            Value key = keysAndValues[k] instanceof Value v ? v : s((String) keysAndValues[k]);
            d.put(key, (Value) keysAndValues[k + 1]);
        }
        return d;
    }

    private static BinaryValue bytes(int... octets) {
        byte[] b = new byte[octets.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) octets[k];
        }
        return BinaryValue.of(b);
    }

    @Nested
    class TextKinds {

        @ParameterizedTest
        @ValueSource(strings = {"String", "Text", "LargeText", "Password"})
        void acceptStringsAndTheStringFormOfScalars(String declaration) {
            assertConverts(s("abc"), declaration, s("abc"));
            assertConverts(s(" a\nb "), declaration, s(" a\nb "));
            assertConverts(s("42"), declaration, i(42));
            assertConverts(s("2.5"), declaration, f(2.5));
            assertConverts(s("1e+20"), declaration, f(1e20));
            assertConverts(s("true"), declaration, BooleanValue.TRUE);
            assertConverts(s("2023-03-06 20:48:39.956622+09:00"), declaration, DATETIME);
            assertConverts(s("2023-03-06"), declaration, new DateValue(LocalDate.of(2023, 3, 6)));
            assertConverts(s("20:48:39"), declaration, new TimeValue(LocalTime.of(20, 48, 39)));
            assertConverts(s("/user/app/web1"), declaration, new ObjectRef(10));
            assertSame(NullValue.NULL, convert(declaration, NullValue.NULL));
        }

        @ParameterizedTest
        @ValueSource(strings = {"String", "Text", "LargeText", "Password"})
        void rejectBinariesContainersAndFiles(String declaration) {
            assertRejected("field 'f': cannot convert Binary to " + declaration, declaration, bytes(1));
            assertRejected("field 'f': cannot convert Array to " + declaration, declaration, array());
            assertRejected("field 'f': cannot convert Dictionary to " + declaration, declaration, dict());
            assertRejected("field 'f': cannot convert File to " + declaration, declaration, new FileValue("a", bytes()));
            assertRejected("field 'f': object #99 does not exist", declaration, new ObjectRef(99));
        }

        @Test
        void stripTrimsBeforeValidation() {
            assertConverts(s("a b"), "String#{\"strip\": true}", s(" \ta b\n "));
            assertConverts(s(" a "), "String#{\"strip\": false}", s(" a "));
            assertConverts(s("x"), "Password#{\"strip\": true}", s(" x "));
            assertRejected("field 'f': 'a' is shorter than min_length 2", "String#{\"strip\": true, \"min_length\": 2}", s(" a "));
        }

        @Test
        void patternSearchesAndAnchorsAreExplicit() {
            assertConverts(s("abc"), "String#{\"pattern\": \"b\"}", s("abc"));
            assertRejected("field 'f': 'abc' does not match pattern '^b$'", "String#{\"pattern\": \"^b$\"}", s("abc"));
            String colour = "String#{\"pattern\":\"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|(rgb|hsl)\\\\(.+,.+,.+\\\\)|[A-Za-z]+)$\"}";
            assertConverts(s("#fff"), colour, s("#fff"));
            assertConverts(s("rgb(1,2,3)"), colour, s("rgb(1,2,3)"));
            assertRejected("field 'f': '#ffff' does not match pattern "
                    + Rendering.quoted("^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|(rgb|hsl)\\(.+,.+,.+\\)|[A-Za-z]+)$"), colour, s("#ffff"));
        }

        @Test
        void lengthsCountCodePoints() {
            assertConverts(s("日本語"), "String#{\"min_length\": 3, \"max_length\": 3}", s("日本語"));
            assertConverts(s("😀😀"), "String#{\"max_length\": 2}", s("😀😀"));
            assertRejected("field 'f': 'abcde' is longer than max_length 4", "String#{\"max_length\": 4}", s("abcde"));
            assertRejected("field 'f': 'ab' is shorter than min_length 3", "String#{\"min_length\": 3}", s("ab"));
        }

        @Test
        void theEmptyStringAndNullAreNotValidated() {
            assertConverts(s(""), "String#{\"pattern\": \"^x$\", \"min_length\": 3}", s(""));
            assertSame(NullValue.NULL, convert("String#{\"pattern\": \"^x$\", \"min_length\": 3}", NullValue.NULL));
        }
    }

    @Nested
    class Integers {

        @Test
        void acceptIntegersWholeFloatsAndDecimalStrings() {
            assertConverts(i(42), "Integer", i(42));
            assertConverts(i(3), "Integer", f(3.0));
            assertConverts(i(0), "Integer", f(-0.0));
            assertConverts(i(123), "Integer", s("123"));
            assertConverts(i(-7), "Integer", s(" -7 "));
            assertConverts(i(5), "Integer", s("+5"));
            assertConverts(i(Long.MIN_VALUE), "Integer", s(Long.toString(Long.MIN_VALUE)));
            assertConverts(i(Long.MAX_VALUE), "Integer", i(Long.MAX_VALUE));
            assertSame(NullValue.NULL, convert("Integer", NullValue.NULL));
        }

        @Test
        void rejectFractionsOtherStringsAndBooleans() {
            assertRejected("field 'f': 3.5 is not a whole number", "Integer", f(3.5));
            assertRejected("field 'f': nan is not a whole number", "Integer", f(Double.NaN));
            assertRejected("field 'f': inf is not a whole number", "Integer", f(Double.POSITIVE_INFINITY));
            assertRejected("field 'f': '12a' is not an integer", "Integer", s("12a"));
            assertRejected("field 'f': '1e3' is not an integer", "Integer", s("1e3"));
            assertRejected("field 'f': '' is not an integer", "Integer", s(""));
            assertRejected("field 'f': '1 2' is not an integer", "Integer", s("1 2"));
            assertRejected("field 'f': cannot convert Boolean to Integer", "Integer", BooleanValue.TRUE);
            assertRejected("field 'f': cannot convert Binary to Integer", "Integer", bytes(1));
        }

        @Test
        void valuesBeyondSignedSixtyFourBitsAreOutOfRange() {
            String message = "value out of range for field 'f'";
            BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
            assertRejected(message, "Integer", IntegerValue.of(beyond));
            assertRejected(message, "Integer", IntegerValue.of(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)));
            assertRejected(message, "Integer", s(beyond.toString()));
            assertRejected(message, "Integer", f(1e19));
        }

        @Test
        void boundsAreInclusive() {
            String port = "Integer#{\"min_value\": 0, \"max_value\": 65535}";
            assertConverts(i(0), port, i(0));
            assertConverts(i(65535), port, s("65535"));
            FieldValueException e = assertThrows(FieldValueException.class,
                    () -> FieldType.parse(port).convert("port", i(70000), CTX));
            assertEquals("field 'port': 70000 is greater than max_value 65535", e.getMessage());
            assertEquals(ErrorCode.R_UPDATE, e.code());
            assertRejected("field 'f': -1 is less than min_value 0", port, i(-1));
            assertRejected("field 'f': 2 is less than min_value 2.5", "Integer#{\"min_value\": 2.5}", i(2));
            assertConverts(i(3), "Integer#{\"min_value\": 2.5}", i(3));
        }
    }

    @Nested
    class Floats {

        @Test
        void acceptFloatsIntegersAndNumericStrings() {
            assertConverts(f(2.5), "Float", f(2.5));
            assertConverts(f(-0.0), "Float", f(-0.0));
            assertConverts(f(3.0), "Float", i(3));
            assertEquals("Float", convert("Float", i(3)).typeName());
            assertConverts(f(2.5), "Float", s("2.5"));
            assertConverts(f(-1000.0), "Float", s(" -1e3 "));
            assertConverts(f(0.5), "Float", s(".5"));
            assertConverts(f(5.0), "Float", s("5."));
            assertConverts(f(1.5e-7), "Float", s("1.5E-7"));
            assertSame(NullValue.NULL, convert("Float", NullValue.NULL));
        }

        @Test
        void rejectNonFiniteValuesOtherStringsAndBooleans() {
            assertRejected("field 'f': nan is not a finite number", "Float", f(Double.NaN));
            assertRejected("field 'f': -inf is not a finite number", "Float", f(Double.NEGATIVE_INFINITY));
            assertRejected("field 'f': 'nan' is not a number", "Float", s("nan"));
            assertRejected("field 'f': 'inf' is not a number", "Float", s("inf"));
            assertRejected("field 'f': '0x10' is not a number", "Float", s("0x10"));
            assertRejected("field 'f': '' is not a number", "Float", s(""));
            assertRejected("field 'f': cannot convert Boolean to Float", "Float", BooleanValue.FALSE);
        }

        @Test
        void valuesTooLargeForADoubleAreOutOfRange() {
            assertRejected("value out of range for field 'f'", "Float", s("1e999"));
            assertRejected("value out of range for field 'f'", "Float", IntegerValue.of(BigInteger.TEN.pow(400)));
        }

        @Test
        void boundsCompareAsDoubles() {
            String declaration = "Float#{\"min_value\": 0, \"max_value\": 0.1}";
            assertConverts(f(0.1), declaration, f(0.1));
            assertConverts(f(0.0), declaration, i(0));
            assertRejected("field 'f': 0.2 is greater than max_value 0.1", declaration, f(0.2));
            assertRejected("field 'f': -0.5 is less than min_value 0", declaration, s("-0.5"));
            assertRejected("field 'f': 10000001.0 is greater than max_value 10000000",
                    "Float#{\"default\": 0, \"min_value\": 0, \"max_value\": 10000000}", i(10_000_001));
        }
    }

    @Nested
    class Booleans {

        @Test
        void acceptBooleansZeroOneAndTheListedStrings() {
            assertConverts(BooleanValue.TRUE, "Boolean", BooleanValue.TRUE);
            assertConverts(BooleanValue.FALSE, "Boolean", BooleanValue.FALSE);
            assertConverts(BooleanValue.TRUE, "Boolean", i(1));
            assertConverts(BooleanValue.FALSE, "Boolean", i(0));
            for (String text : List.of("true", "True", "1")) {
                assertConverts(BooleanValue.TRUE, "Boolean", s(text));
            }
            for (String text : List.of("false", "False", "0", "")) {
                assertConverts(BooleanValue.FALSE, "Boolean", s(text));
            }
            assertConverts(BooleanValue.FALSE, "Boolean", NullValue.NULL);
        }

        @Test
        void rejectEverythingElse() {
            assertRejected("field 'f': 2 is not a Boolean (only 0 and 1 are)", "Boolean", i(2));
            assertRejected("field 'f': 'TRUE' is not a Boolean", "Boolean", s("TRUE"));
            assertRejected("field 'f': 'yes' is not a Boolean", "Boolean", s("yes"));
            assertRejected("field 'f': ' true' is not a Boolean", "Boolean", s(" true"));
            assertRejected("field 'f': cannot convert Float to Boolean", "Boolean", f(1.0));
            assertRejected("field 'f': cannot convert Array to Boolean", "Boolean", array());
        }
    }

    @Nested
    class Enums {

        private static final String MODES = "Enum#{\"enum\": [[\"NOTHING\", \"Do nothing.\"], [\"MAIL\", \"Mail.\"]]}";

        @Test
        void acceptTheDataPartOfAChoiceTheEmptyStringAndNull() {
            assertConverts(s("MAIL"), MODES, s("MAIL"));
            assertConverts(s(""), MODES, s(""));
            assertSame(NullValue.NULL, convert(MODES, NullValue.NULL));
            assertConverts(s("1"), "Enum#{\"enum\": [\"1\", \"2\"]}", i(1));
            assertConverts(s("true"), "Enum#{\"enum\": [\"true\"]}", BooleanValue.TRUE);
        }

        @Test
        void rejectLabelsValuesOutsideTheListAndNonScalars() {
            assertRejected("field 'f': 'Mail.' is not one of ['NOTHING', 'MAIL']", MODES, s("Mail."));
            assertRejected("field 'f': 'mail' is not one of ['NOTHING', 'MAIL']", MODES, s("mail"));
            assertRejected("field 'f': cannot convert Object to Enum", MODES, new ObjectRef(10));
            assertRejected("field 'f': cannot convert Array to Enum", MODES, array());
        }

        @Test
        void aPlainEnumAcceptsAnyString() {
            assertConverts(s("anything"), "Enum", s("anything"));
        }

        @Test
        void dynamicListsAreCheckedWhenTheContextResolvesThem() {
            String conntype = "Enum#{\"enum\":\"$[nodetype][conntypes]\"}";
            assertConverts(s("telnet"), conntype, s("telnet"));
            TestContext resolving = TestContext.standard().resolvingEnumTo(List.of("ssh", "local"));
            assertEquals(s("ssh"), convert(conntype, s("ssh"), resolving));
            assertRejected("field 'f': 'telnet' is not one of ['ssh', 'local']", conntype, s("telnet"), resolving);
            assertEquals(s("telnet"), convert(MODES.replace("MAIL", "telnet"), s("telnet"), resolving),
                    "a static list is not replaced by the context");
        }
    }

    @Nested
    class Addresses {

        @ParameterizedTest
        @ValueSource(strings = {"192.168.0.1", "0.0.0.0", "255.255.255.255", "::1", "::", "fe80::1", "2001:db8::8a2e:370:7334",
            "1:2:3:4:5:6:7:8", "1::", "1:2:3:4:5:6:7::", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "ABCD:ef01::"})
        void ipAddressesAreAccepted(String address) {
            assertConverts(s(address), "IPAddress", s(address));
        }

        @ParameterizedTest
        @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "1..3.4", " 1.2.3.4", "a.b.c.d",
            "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "1:2:3:4:5:6:7:8::", "12345::", "fe80::1%eth0", "1.2.3.4::", "::1.2.3",
            ":1::", "1::2:", "example.com"})
        void otherTextIsNotAnIpAddress(String text) {
            assertRejected("field 'f': " + Rendering.quoted(text) + " is not an IP address", "IPAddress", s(text));
        }

        @Test
        void emptyNullAndNonStringsForAddressKinds() {
            for (String kind : List.of("IPAddress", "EMail", "URL")) {
                assertConverts(s(""), kind, s(""));
                assertSame(NullValue.NULL, convert(kind, NullValue.NULL));
                assertRejected("field 'f': cannot convert Integer to " + kind, kind, i(1));
            }
        }

        @Test
        void mailAddresses() {
            assertConverts(s("root@example.com"), "EMail", s("root@example.com"));
            assertConverts(s("a.b+c@localhost"), "EMail", s("a.b+c@localhost"));
            for (String text : List.of("root", "@example.com", "root@", "a b@example.com", "a@b@c", "a@exa mple.com")) {
                assertRejected("field 'f': " + Rendering.quoted(text) + " is not a mail address", "EMail", s(text));
            }
        }

        @Test
        void urlsKeepTheirTextWithTheSchemeLowerCased() {
            assertConverts(s("http://Example.com/A?b=c#d"), "URL", s("HTTP://Example.com/A?b=c#d"));
            assertConverts(s("https://user:pw@host:8443/x"), "URL", s("https://user:pw@host:8443/x"));
            assertConverts(s("ftp://[::1]/file"), "URL", s("ftp://[::1]/file"));
            assertConverts(s("ldaps://ldap.example.com"), "URL#{\"schemes\": [\"ldap\", \"ldaps\"]}", s("LDAPS://ldap.example.com"));
            assertConverts(s("mailto:root@example.com"), "URL#{\"schemes\": \"mailto\"}", s("mailto:root@example.com"));
        }

        @Test
        void urlsAreRejectedForSchemeHostOrSyntax() {
            assertRejected("field 'f': 'mailto:a@b' has scheme 'mailto', not one of [http, https, ftp, ftps]", "URL", s("mailto:a@b"));
            assertRejected("field 'f': 'http://h' has scheme 'http', not one of [ldap, ldaps]",
                    "URL#{\"schemes\": [\"ldap\", \"ldaps\"]}", s("http://h"));
            assertRejected("field 'f': 'example.com' is not a URL (no scheme)", "URL", s("example.com"));
            assertRejected("field 'f': 'http:///path' has no host", "URL", s("http:///path"));
            assertRejected("field 'f': 'https:relative' has no host", "URL", s("https:relative"));
            FieldValueException e = assertThrows(FieldValueException.class, () -> convert("URL", s("http://exa mple.com/")));
            assertTrue(e.getMessage().startsWith("field 'f': 'http://exa mple.com/' is not a valid URL: "), e.getMessage());
        }
    }

    @Nested
    class Binaries {

        @Test
        void acceptBinariesStringsAsUtf8AndOctetArrays() {
            assertConverts(bytes(0xde, 0xad), "Binary", bytes(0xde, 0xad));
            assertConverts(BinaryValue.of("héllo".getBytes(StandardCharsets.UTF_8)), "Binary", s("héllo"));
            assertConverts(bytes(0, 127, 255), "Binary", array(i(0), i(127), i(255)));
            assertConverts(BinaryValue.EMPTY, "Binary", array());
            assertSame(NullValue.NULL, convert("Binary", NullValue.NULL));
        }

        @Test
        void rejectOtherValuesAndBadOctets() {
            assertRejected("field 'f': Array element 1 (256) is not an integer 0-255", "Binary", array(i(0), i(256)));
            assertRejected("field 'f': Array element 0 (-1) is not an integer 0-255", "Binary", array(i(-1)));
            assertRejected("field 'f': Array element 0 ('a') is not an integer 0-255", "Binary", array(s("a")));
            assertRejected("field 'f': cannot convert Integer to Binary", "Binary", i(5));
            assertRejected("field 'f': cannot convert Float to Binary", "Binary", f(1.5));
        }
    }

    @Nested
    class Temporals {

        private DatetimeValue tokyo(int year, int month, int day, int hour, int minute, int second) {
            return new DatetimeValue(ZonedDateTime.of(year, month, day, hour, minute, second, 0, TestContext.TOKYO));
        }

        @Test
        void datetimeFieldsAcceptEveryFormatOfSectionThreeFour() {
            assertConverts(tokyo(2006, 10, 25, 14, 30, 59), "Datetime", s("2006-10-25 14:30:59"));
            assertConverts(tokyo(2006, 10, 25, 14, 30, 0), "Datetime", s("2006-10-25 14:30"));
            assertConverts(tokyo(2006, 10, 25, 0, 0, 0), "Datetime", s("2006-10-25"));
            assertConverts(tokyo(2006, 10, 25, 14, 30, 59), "Datetime", s("10/25/2006 14:30:59"));
            assertConverts(tokyo(2006, 10, 25, 14, 30, 0), "Datetime", s("10/25/2006 14:30"));
            assertConverts(tokyo(2006, 10, 25, 0, 0, 0), "Datetime", s("10/25/2006"));
            assertConverts(tokyo(2006, 10, 25, 14, 30, 59), "Datetime", s("10/25/06 14:30:59"));
            assertConverts(tokyo(2006, 10, 25, 14, 30, 0), "Datetime", s("10/25/06 14:30"));
            assertConverts(tokyo(2006, 10, 25, 0, 0, 0), "Datetime", s(" 10/25/06 "));
            assertConverts(DATETIME, "Datetime", s("2023-03-06T20:48:39.956622+09:00"));
            assertConverts(tokyo(2023, 3, 6, 11, 48, 39), "Datetime", s("2023-03-06T02:48:39Z"));
        }

        @Test
        void twoDigitYearsFollowTheCConvention() {
            assertConverts(tokyo(2068, 1, 2, 0, 0, 0), "Datetime", s("01/02/68"));
            assertConverts(tokyo(1969, 1, 2, 0, 0, 0), "Datetime", s("01/02/69"));
        }

        @Test
        void explicitOffsetsAreKept() {
            Value stored = convert("Datetime", s("2023-03-06 20:48:39-05:00"));
            assertEquals(ZoneOffset.ofHours(-5), ((DatetimeValue) stored).value().getOffset());
        }

        @Test
        void datetimeFieldsAcceptDatetimesAndDatesAtLocalMidnight() {
            assertSame(DATETIME, convert("Datetime", DATETIME));
            assertConverts(tokyo(2023, 3, 6, 0, 0, 0), "Datetime", new DateValue(LocalDate.of(2023, 3, 6)));
            assertSame(NullValue.NULL, convert("Datetime", NullValue.NULL));
        }

        @Test
        void datetimeFieldsRejectOtherText() {
            for (String text : List.of("25/10/2006", "yesterday", "2006-13-01", "2006-10-25 25:00", "")) {
                assertRejected("field 'f': " + Rendering.quoted(text) + " is not a valid Datetime", "Datetime", s(text));
            }
            assertRejected("field 'f': cannot convert Integer to Datetime", "Datetime", i(0));
            assertRejected("field 'f': cannot convert Time to Datetime", "Datetime", new TimeValue(LocalTime.NOON));
        }

        @Test
        void dateFields() {
            LocalDate day = LocalDate.of(2006, 10, 25);
            assertConverts(new DateValue(day), "Date", new DateValue(day));
            assertConverts(new DateValue(LocalDate.of(2023, 3, 6)), "Date", DATETIME);
            assertConverts(new DateValue(day), "Date", s("2006-10-25"));
            assertConverts(new DateValue(day), "Date", s("10/25/2006"));
            assertConverts(new DateValue(day), "Date", s("10/25/06"));
            assertSame(NullValue.NULL, convert("Date", NullValue.NULL));
            assertRejected("field 'f': '2006-10-25 14:30' is not a valid Date", "Date", s("2006-10-25 14:30"));
            assertRejected("field 'f': '2006-02-30' is not a valid Date", "Date", s("2006-02-30"));
            assertRejected("field 'f': cannot convert Time to Date", "Date", new TimeValue(LocalTime.NOON));
        }

        @Test
        void timeFields() {
            assertConverts(new TimeValue(LocalTime.of(14, 30)), "Time", s("14:30"));
            assertConverts(new TimeValue(LocalTime.of(14, 30, 59)), "Time", s("14:30:59"));
            assertConverts(new TimeValue(LocalTime.of(14, 30, 59, 123_456_000)), "Time", s("14:30:59.123456"));
            assertConverts(new TimeValue(LocalTime.of(20, 48, 39, 956_622_000)), "Time", DATETIME);
            assertConverts(new TimeValue(LocalTime.NOON), "Time", new TimeValue(LocalTime.NOON));
            assertSame(NullValue.NULL, convert("Time", NullValue.NULL));
            assertRejected("field 'f': '25:00' is not a valid Time", "Time", s("25:00"));
            assertRejected("field 'f': '2:30 PM' is not a valid Time", "Time", s("2:30 PM"));
            assertRejected("field 'f': cannot convert Date to Time", "Time", new DateValue(LocalDate.of(2006, 1, 1)));
        }

        @Test
        void zoneLessTextUsesTheContextZone() {
            Value stored = convert("Datetime", s("2006-10-25 14:30"), ConversionContext.detached(ZoneOffset.UTC));
            assertEquals(OffsetDateTime.of(LocalDateTime.of(2006, 10, 25, 14, 30), ZoneOffset.UTC).toInstant(),
                    ((DatetimeValue) stored).value().toInstant());
        }
    }

    @Nested
    class ObjectFields {

        @Test
        void acceptObjectValuesAndPathsAndStoreTheIdentity() {
            assertEquals(new ObjectRef(10), convert("Object", new ObjectRef(10)));
            assertEquals(new ObjectRef(10), convert("Object", s("/user/app/web1")));
            assertEquals(new ObjectRef(11), convert("Object", s("./db1")));
            assertEquals(new ObjectRef(11), convert("Object", s("db1")));
            assertSame(NullValue.NULL, convert("Object", NullValue.NULL));
        }

        @Test
        void rejectMissingObjectsAndOtherValues() {
            assertRejected("field 'f': object not found: /nope", "Object", s("/nope"));
            assertRejected("field 'f': object not found: ", "Object", s(""));
            assertRejected("field 'f': object #99 does not exist", "Object", new ObjectRef(99));
            assertRejected("field 'f': cannot convert Integer to Object", "Object", i(10));
        }

        @Test
        void noEmptyRefusesNull() {
            String declaration = "Object#{\"object\": \"/system/types/TypeObject\", \"no_empty\": true}";
            assertRejected("field 'f': null is not allowed (no_empty)", declaration, NullValue.NULL);
            assertEquals(new ObjectRef(5), convert(declaration, s("/system/types/NodeInfo")));
        }

        @Test
        void objectRestrictionsAreCheckedByTheContextWhenDeclared() {
            TestContext refusing = TestContext.standard().refusing(11, "/user/app/db1 is not a NodeInfo");
            String declaration = "Object#{\"object\": \"/system/types/NodeInfo\"}";
            assertRejected("field 'f': /user/app/db1 is not a NodeInfo", declaration, s("db1"), refusing);
            assertEquals(new ObjectRef(10), convert(declaration, s("web1"), refusing));
            assertEquals(new ObjectRef(11), convert("Object", s("db1"), refusing), "no qualifier, no check");
            assertRejected("field 'f': /user/app/db1 is not a NodeInfo", "Object#{\"directory\": \"~\"}", new ObjectRef(11), refusing);
        }
    }

    @Nested
    class Files {

        @Test
        void acceptNameAndDataDictionariesAndFileValues() {
            assertEquals(new FileValue("dump.bin", bytes(0xde, 0xad)),
                    convert("File", dict("name", s("dump.bin"), "data", bytes(0xde, 0xad))));
            assertEquals(new FileValue("note.txt", BinaryValue.of("Hello".getBytes(StandardCharsets.UTF_8))),
                    convert("File", dict("name", s("note.txt"), "data", s("Hello"))));
            assertEquals(new FileValue("empty", BinaryValue.EMPTY), convert("File", dict("name", s("empty"))));
            FileValue file = new FileValue("a", bytes(1));
            assertEquals(file, convert("File", file));
            assertSame(NullValue.NULL, convert("File", NullValue.NULL));
        }

        @Test
        void rejectIncompleteDictionariesAndOtherValues() {
            assertRejected("field 'f': a File needs a non-empty String 'name'", "File", dict("data", bytes(1)));
            assertRejected("field 'f': a File needs a non-empty String 'name'", "File", dict("name", s("")));
            assertRejected("field 'f': a File needs a non-empty String 'name'", "File", dict("name", i(1)));
            assertRejected("field 'f': File data must be a Binary or a String, not Integer", "File", dict("name", s("a"), "data", i(1)));
            assertRejected("field 'f': a File takes only 'name' and 'data', not 'size'", "File", dict("name", s("a"), "size", i(1)));
            assertRejected("field 'f': cannot convert String to File", "File", s("a.txt"));
            assertRejected("field 'f': null is not allowed (no_empty)", "File#{\"no_empty\": true}", NullValue.NULL);
        }
    }

    @Nested
    class Containers {

        @Test
        void arraysConvertEachElementIntoANewArray() {
            ArrayValue input = array(s("1"), f(2.0), i(3));
            Value stored = convert("Array<Integer>", input);
            assertConverts(array(i(1), i(2), i(3)), "Array<Integer>", input);
            assertNotSame(input, stored);
            assertConverts(array(s("1"), s("true")), "Array", array(i(1), BooleanValue.TRUE));
            assertConverts(array(new ObjectRef(10), NullValue.NULL), "Array<Object>", array(s("web1"), NullValue.NULL));
            assertSame(NullValue.NULL, convert("Array", NullValue.NULL));
        }

        @Test
        void arrayElementErrorsNameTheElement() {
            assertRejected("field 'f': element 1: 70000 is greater than max_value 65535",
                    "Array<Integer>#{\"max_value\": 65535}", array(i(1), i(70000)));
            assertRejected("field 'f': element 0: null is not allowed (no_empty)", "Array<Object>#{\"no_empty\": true}",
                    array(NullValue.NULL));
            assertRejected("value out of range for field 'f'", "Array<Integer>", array(s("99999999999999999999")));
            assertRejected("field 'f': element 0: cannot convert Array to String", "Array", array(array()));
        }

        @Test
        void arraysAreNotWrappedAroundScalars() {
            assertRejected("field 'f': cannot convert String to Array", "Array", s("a"));
            assertRejected("field 'f': cannot convert Dictionary to Array", "Array", dict());
        }

        @Test
        void elementQualifiersApplyToEachElement() {
            assertConverts(array(s("a"), s("b")), "Array#{\"strip\": true}", array(s(" a"), s("b ")));
            assertConverts(array(bytes(1), bytes(2)), "Array<Binary>#{\"invisible\": true}", array(bytes(1), array(i(2))));
        }

        @Test
        void dictionariesConvertKeysToStringsAndValuesByTheElementType() {
            DictionaryValue input = dict(i(1), s("a"), "b", i(2));
            Value stored = convert("Dictionary", input);
            assertConverts(dict("1", s("a"), "b", s("2")), "Dictionary", input);
            assertNotSame(input, stored);
            assertEquals(List.of(s("1"), s("b")), ((DictionaryValue) stored).keys());
            assertConverts(dict("port", i(22)), "Dictionary<Integer>", dict("port", s("22")));
            assertSame(NullValue.NULL, convert("Dictionary", NullValue.NULL));
        }

        @Test
        void keyStripTrimsKeysAndALaterDuplicateWins() {
            assertConverts(dict("a", s("2")), "Dictionary#{\"key_strip\": true}", dict(" a", s("1"), "a ", s("2")));
            assertConverts(dict(" a", s("1")), "Dictionary", dict(" a", s("1")));
        }

        @Test
        void dictionaryErrorsNameTheKey() {
            assertRejected("field 'f': key 'a': cannot convert Array to String", "Dictionary", dict("a", array()));
            assertRejected("field 'f': key 'n': 'x' is not an integer", "Dictionary<Integer>", dict("n", s("x")));
            assertRejected("field 'f': cannot convert Array to Dictionary", "Dictionary", array());
        }

        @Test
        void filesInContainers() {
            assertEquals(new FileValue("a", bytes(1)),
                    ((ArrayValue) convert("Array<File>", array(dict("name", s("a"), "data", bytes(1))))).get(0));
            assertEquals(new FileValue("b", BinaryValue.EMPTY),
                    ((DictionaryValue) convert("Dictionary<File>", dict("b", dict("name", s("b"))))).get("b"));
        }
    }

    @Test
    void lenientStringFallbacksConvertAsStrings() {
        FieldType fallback = FieldType.parseLenient("Foo#{\"min_value\": 10}");
        assertEquals(s("5"), fallback.convert("f", i(5), CTX));
    }

    @Test
    void binaryRoundTripKeepsBytes() {
        byte[] all = new byte[256];
        for (int k = 0; k < all.length; k++) {
            all[k] = (byte) k;
        }
        assertArrayEquals(all, ((BinaryValue) convert("Binary", BinaryValue.of(all))).bytes());
    }
}
