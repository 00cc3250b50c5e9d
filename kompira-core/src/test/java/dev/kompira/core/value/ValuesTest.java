package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void scalarsBecomeTheirJobflowTypes() {
        assertEquals(NullValue.NULL, Values.of(null));
        assertEquals(StringValue.of("web01"), Values.of("web01"));
        assertEquals(StringValue.of("sb"), Values.of(new StringBuilder("sb")));
        assertEquals(BooleanValue.TRUE, Values.of(true));
        assertEquals(IntegerValue.of(22), Values.of(22));
        assertEquals(IntegerValue.of(22), Values.of(22L));
        assertEquals(IntegerValue.of(7), Values.of((short) 7));
        assertEquals(IntegerValue.of(new BigInteger("123456789012345678901234567890")),
                Values.of(new BigInteger("123456789012345678901234567890")));
        assertEquals(new FloatValue(0.5), Values.of(0.5));
        assertEquals(new FloatValue(0.25), Values.of(0.25f));
        assertEquals(BinaryValue.of(new byte[] {1, 2}), Values.of(new byte[] {1, 2}));
        Value given = StringValue.of("as is");
        assertTrue(given == Values.of(given), "a jobflow value is taken as it is");
    }

    @Test
    void timesBecomeTheirJobflowTypes() {
        ZonedDateTime tokyo = ZonedDateTime.of(2024, 5, 1, 9, 0, 0, 123_456_789, ZoneId.of("Asia/Tokyo"));
        assertEquals(new DatetimeValue(tokyo), Values.of(tokyo));
        assertEquals(tokyo.withNano(123_456_000), ((DatetimeValue) Values.of(tokyo)).value(), "microseconds are kept");
        assertEquals(new DatetimeValue(tokyo), Values.of(tokyo.toInstant()));
        assertEquals(ZoneId.of("Z"), ((DatetimeValue) Values.of(tokyo.toInstant())).value().getZone());
        assertEquals(new DatetimeValue(tokyo), Values.of(tokyo.toOffsetDateTime()));
        assertEquals(new DateValue(LocalDate.of(2024, 5, 1)), Values.of(LocalDate.of(2024, 5, 1)));
        assertEquals(new TimeValue(LocalTime.of(9, 30)), Values.of(LocalTime.of(9, 30)));
        assertEquals(TimedeltaValue.ofMicros(90_000_001L), Values.of(Duration.ofSeconds(90, 1_000)));
        assertEquals(TimedeltaValue.ofMicros(-1_500_000L), Values.of(Duration.ofMillis(-1500)));
    }

    @Test
    void collectionsBecomeArraysAndDictionariesDeeply() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("hostname", "web01");
        node.put("ports", List.of(22, 443));
        node.put("tags", Map.of("env", "prod"));
        node.put("note", null);
        DictionaryValue d = (DictionaryValue) Values.of(node);
        assertEquals(List.of(StringValue.of("hostname"), StringValue.of("ports"), StringValue.of("tags"), StringValue.of("note")),
                d.keys(), "the map's order is kept");
        assertTrue(Equality.equal(ArrayValue.of(IntegerValue.of(22), IntegerValue.of(443)), d.get("ports")), d.get("ports").toString());
        assertEquals(StringValue.of("prod"), ((DictionaryValue) d.get("tags")).get("env"));
        assertEquals(NullValue.NULL, d.get("note"));
    }

    @Test
    void everyJobflowValueReadsBackAsItWasGiven() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("s", "text");
        all.put("i", 42L);
        all.put("big", new BigInteger("123456789012345678901234567890"));
        all.put("f", 1.5);
        all.put("b", false);
        all.put("n", null);
        all.put("list", new ArrayList<>(Arrays.asList(1L, "two", null)));
        all.put("when", ZonedDateTime.of(2024, 5, 1, 9, 0, 0, 0, ZoneId.of("Asia/Tokyo")));
        all.put("day", LocalDate.of(2024, 5, 1));
        all.put("time", LocalTime.of(23, 59, 59));
        all.put("took", Duration.ofDays(-2).plusSeconds(5));
        assertEquals(all, Values.toJava(Values.of(all)));
        assertArrayEquals(new byte[] {0, -1}, (byte[]) Values.toJava(Values.of(new byte[] {0, -1})));
        assertNull(Values.toJava(NullValue.NULL));
    }

    @Test
    void aFileReadsBackAsTheDictionaryAFileFieldAccepts() {
        Map<?, ?> file = (Map<?, ?>) Values.toJava(new FileValue("a.txt", BinaryValue.of(new byte[] {65})));
        assertEquals("a.txt", file.get("name"));
        assertArrayEquals(new byte[] {65}, (byte[]) file.get("data"));
    }

    @Test
    void whatHasNoCounterpartIsRefusedWithWhatToGive() {
        IllegalArgumentException local = assertThrows(IllegalArgumentException.class, () -> Values.of(LocalDateTime.now()));
        assertTrue(local.getMessage().contains("ZonedDateTime"), local.getMessage());
        IllegalArgumentException uuid = assertThrows(IllegalArgumentException.class, () -> Values.of(UUID.randomUUID()));
        assertTrue(uuid.getMessage().contains("java.util.UUID"), uuid.getMessage());
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThrows(IllegalArgumentException.class, () -> Values.of(loop));
        List<Object> shared = List.of("x");
        assertEquals(2, ((ArrayValue) Values.of(List.of(shared, shared))).size(), "a list given twice is not a loop");
    }
}
