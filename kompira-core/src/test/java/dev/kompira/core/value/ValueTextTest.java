package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Every value's {@code toString()} is its text form, as {@code print} shows it (language.md §5). */
class ValueTextTest {

    @Test
    void toStringIsTheTextFormOfEveryKindOfValue() {
        DictionaryValue d = new DictionaryValue();
        d.put("host", StringValue.of("web03"));
        assertEquals("hello web03", StringValue.of("hello web03").toString());
        assertEquals("['a', 1, null, true, 2.5]", ArrayValue.of(StringValue.of("a"), IntegerValue.ONE, NullValue.NULL,
                BooleanValue.TRUE, new FloatValue(2.5)).toString());
        assertEquals("{host='web03'}", d.toString());
        assertEquals("2024-02-29", new DateValue(LocalDate.of(2024, 2, 29)).toString());
        assertEquals("23:59:01", new TimeValue(LocalTime.of(23, 59, 1)).toString());
        assertEquals("2024-05-06 07:08:09+09:00",
                new DatetimeValue(ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(9))).toString());
        assertEquals("1 day, 0:00:05", TimedeltaValue.ofMicros(86_405_000_000L).toString());
        assertEquals("b'\\x00'", BinaryValue.of(new byte[] {0}).toString());
        assertEquals("<method send>", new MethodValue(NullValue.NULL, "send").toString());
    }
}
