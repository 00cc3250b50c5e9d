package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.Value;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a read of an unset field returns (objects.md §2.6, §3.1, the {@code default} qualifier of §3.6). */
class FieldDefaultsTest {

    private static final TestContext CTX = TestContext.standard().with("/system/templates/ProcessDone", 30);

    private static Value unset(String declaration) {
        return FieldType.parse(declaration).readDefault(CTX);
    }

    @Test
    void withoutADefaultEachKindReadsAsItsEmptyValue() {
        Map<FieldKind, Value> expected = Map.ofEntries(
                Map.entry(FieldKind.STRING, StringValue.EMPTY), Map.entry(FieldKind.TEXT, StringValue.EMPTY),
                Map.entry(FieldKind.LARGE_TEXT, StringValue.EMPTY), Map.entry(FieldKind.PASSWORD, StringValue.EMPTY),
                Map.entry(FieldKind.BINARY, NullValue.NULL), Map.entry(FieldKind.INTEGER, NullValue.NULL),
                Map.entry(FieldKind.FLOAT, NullValue.NULL), Map.entry(FieldKind.BOOLEAN, BooleanValue.FALSE),
                Map.entry(FieldKind.ENUM, StringValue.EMPTY), Map.entry(FieldKind.IP_ADDRESS, StringValue.EMPTY),
                Map.entry(FieldKind.EMAIL, StringValue.EMPTY), Map.entry(FieldKind.URL, StringValue.EMPTY),
                Map.entry(FieldKind.DATETIME, NullValue.NULL), Map.entry(FieldKind.DATE, NullValue.NULL),
                Map.entry(FieldKind.TIME, NullValue.NULL), Map.entry(FieldKind.OBJECT, NullValue.NULL),
                Map.entry(FieldKind.FILE, NullValue.NULL));
        expected.forEach((kind, value) -> assertEquals(value, unset(kind.typeName()), kind.typeName()));
        assertEquals(0, ((ArrayValue) unset("Array<Integer>")).size());
        assertEquals(0, ((DictionaryValue) unset("Dictionary")).size());
    }

    @Test
    void emptyContainersAreFreshEveryTime() {
        FieldType type = FieldType.parse("Array");
        assertNotSame(type.readDefault(CTX), type.readDefault(CTX));
        assertNotSame(type.emptyValue(), type.emptyValue());
    }

    @Test
    void theDefaultQualifierIsConvertedToTheFieldType() {
        assertEquals(IntegerValue.of(25), unset("Integer#{\"default\": 25, \"min_value\": 10, \"max_value\": 1000}"));
        assertEquals(IntegerValue.of(100), unset("Integer#{ \"default\": 100 }"));
        assertEquals(new FloatValue(0.0), unset("Float#{\"default\": 0, \"min_value\": 0, \"max_value\": 10000000}"));
        assertEquals(BooleanValue.TRUE, unset("Boolean#{\"default\": true}"));
        assertEquals(BooleanValue.FALSE, unset("Boolean#{\"default\": false}"));
        assertEquals(StringValue.of("INBOX"), unset("String#{\"default\": \"INBOX\"}"));
        assertEquals(StringValue.of("32768"), unset("String#{\"default\": \"32768\"}"));
        assertEquals(StringValue.of("source"), unset("Enum#{\"enum\": [\"source\", \"safe_source\", \"module\"], \"default\": \"source\"}"));
        assertEquals(new DatetimeValue(ZonedDateTime.of(2023, 5, 12, 23, 21, 45, 0, TestContext.TOKYO)),
                unset("Datetime#{\"default\": \"2023-05-12 23:21:45\"}"));
        assertEquals(new DateValue(LocalDate.of(2023, 9, 26)), unset("Date#{\"default\": \"2023-09-26\"}"));
        assertEquals(new TimeValue(LocalTime.of(17, 43, 1)), unset("Time#{\"default\": \"17:43:01\"}"));
        assertEquals(new ObjectRef(30),
                unset("Object#{\"object\": \"/system/types/MailTemplate\", \"default\": \"/system/templates/ProcessDone\"}"));
        assertEquals("['a', 'b']", Rendering.nested(unset("Array#{\"default\": [\"a\", \"b\"]}")));
        assertEquals("{port=22}", Rendering.nested(unset("Dictionary<Integer>#{\"default\": {\"port\": \"22\"}}")));
    }

    @Test
    void aDefaultNullIsADefault() {
        assertSame(NullValue.NULL, unset("String#{\"default\": null}"));
        assertSame(BooleanValue.FALSE, unset("Boolean#{\"default\": null}"));
    }

    @Test
    void aDefaultThatDoesNotConvertIsIgnored() {
        assertSame(NullValue.NULL, unset("Integer#{\"default\": \"many\"}"));
        assertSame(NullValue.NULL, unset("Integer#{\"default\": 5, \"min_value\": 10}"));
        assertSame(StringValue.EMPTY, unset("Enum#{\"enum\": [\"a\"], \"default\": \"b\"}"));
        assertSame(NullValue.NULL, unset("Object#{\"default\": \"/system/smtp_servers/Default\"}"),
                "a default naming a missing object reads as null (§4.29)");
        assertEquals(Optional.of("field type 'Integer#{\"default\": \"many\"}': unusable default: field 'default': 'many' is not an integer"),
                FieldType.parse("Integer#{\"default\": \"many\"}").defaultProblem(CTX));
        assertEquals(Optional.empty(), FieldType.parse("Integer#{\"default\": 3}").defaultProblem(CTX));
        assertEquals(Optional.empty(), FieldType.parse("Integer").defaultProblem(CTX));
    }

    @Test
    void fileKindsTakeNoDefault() {
        assertSame(NullValue.NULL, unset("File#{\"default\": {\"name\": \"a\", \"data\": \"b\"}}"));
        assertEquals(0, ((ArrayValue) unset("Array<File>#{\"default\": [{\"name\": \"a\"}]}")).size());
        assertTrue(FieldType.parse("File#{\"default\": null}").defaultProblem(CTX).orElseThrow().endsWith("File fields take no default"));
    }

    @Test
    void fieldDefinitionsDelegateToTheirType() {
        FieldDefinition port = new FieldDefinition("port", "Port", FieldType.parse("Integer#{\"default\": 22, \"max_value\": 65535}"));
        assertEquals(IntegerValue.of(22), port.readDefault(CTX));
        assertEquals(IntegerValue.of(80), port.convert(StringValue.of("80"), CTX));
        assertEquals("field 'port': 70000 is greater than max_value 65535",
                org.junit.jupiter.api.Assertions.assertThrows(FieldValueException.class,
                        () -> port.convert(IntegerValue.of(70000), CTX)).getMessage());
    }
}
