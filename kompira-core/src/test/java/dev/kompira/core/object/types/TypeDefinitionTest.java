package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a type's fields from {@code fieldNames}, {@code fieldDisplayNames} and {@code fieldTypes} (objects.md §3.5, §4.1). */
class TypeDefinitionTest {

    private static ArrayValue strings(String... items) {
        ArrayValue array = new ArrayValue();
        for (String item : items) {
            array.items().add(item == null ? NullValue.NULL : StringValue.of(item));
        }
        return array;
    }

    private static StoredObject typeObject(Map<String, Value> fields) {
        Instant now = Instant.parse("2024-05-01T00:00:00Z");
        return new StoredObject(7, 3, "Server", "/user/Server", 1, "Server", "", "root", now, now,
                new DictionaryValue(), new DictionaryValue(), fields);
    }

    @Test
    void readsTheParallelArraysOfATypeObject() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("fieldNames", strings("hostname", "port"));
        fields.put("fieldDisplayNames", strings("Host name", "Port"));
        fields.put("fieldTypes", strings("String", "Integer#{\"min_value\": 0, \"max_value\": 65535}"));
        TypeDefinition type = TypeDefinition.of(typeObject(fields));
        assertEquals(List.of("hostname", "port"), type.fieldNames());
        assertEquals("Port", type.field("port").orElseThrow().displayName());
        assertEquals(FieldKind.INTEGER, type.field("port").orElseThrow().type().kind());
        assertEquals("Integer#{\"min_value\": 0, \"max_value\": 65535}", type.fields().get(1).declaration());
        assertEquals(Optional.empty(), type.field("missing"));
        assertEquals(List.of(), type.warnings());
    }

    @Test
    void missingDisplayNamesAndTypesDefaultLeniently() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("fieldNames", strings("a", "b", "c"));
        fields.put("fieldDisplayNames", strings("A", null));
        fields.put("fieldTypes", strings("Integer"));
        TypeDefinition type = TypeDefinition.of(typeObject(fields));
        assertEquals(List.of("A", "b", "c"), type.fields().stream().map(FieldDefinition::displayName).toList());
        assertEquals(List.of("Integer", "String", "String"), type.fields().stream().map(FieldDefinition::declaration).toList());
        assertEquals(List.of(), type.warnings());
    }

    @Test
    void aTypeWithoutDeclarationsHasNoFields() {
        assertEquals(List.of(), TypeDefinition.of(typeObject(Map.of())).fields());
        Map<String, Value> nulls = new LinkedHashMap<>();
        nulls.put("fieldNames", NullValue.NULL);
        assertEquals(List.of(), TypeDefinition.of(typeObject(nulls)).fields());
    }

    @Test
    void invalidDeclarationsAndDuplicatesBecomeWarnings() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("fieldNames", strings("a", "b", "a"));
        fields.put("fieldTypes", strings("Gadget#{}", "Integer", "Float"));
        TypeDefinition type = TypeDefinition.of(typeObject(fields));
        assertEquals(List.of("a", "b"), type.fieldNames());
        assertEquals(FieldKind.STRING, type.field("a").orElseThrow().type().kind());
        assertEquals("Gadget#{}", type.field("a").orElseThrow().declaration());
        assertEquals(List.of("field 'a': field type 'Gadget#{}': unknown field type 'Gadget'; the field is treated as String",
                "field 'a' is declared twice; the second declaration is ignored"), type.warnings());
    }

    @Test
    void nonStringEntriesCountByTheirTextForm() {
        Map<String, Value> fields = new LinkedHashMap<>();
        ArrayValue names = strings("x");
        names.items().add(IntegerValue.of(2));
        fields.put("fieldNames", names);
        assertEquals(List.of("x", "2"), TypeDefinition.of(typeObject(fields)).fieldNames());
    }

    @Test
    void checkedDefinitionsAcceptCompleteValidDeclarations() {
        TypeDefinition type = TypeDefinition.checked(List.of("ノード名", "_tmp", "x2"), List.of("Node", "", "X"),
                List.of("String", "Array<Integer>", "Boolean#"));
        assertEquals(List.of("ノード名", "_tmp", "x2"), type.fieldNames());
        assertEquals("", type.field("_tmp").orElseThrow().displayName());
    }

    @Test
    void checkedDefinitionsRejectEachProblem() {
        assertEquals("fieldNames, fieldDisplayNames and fieldTypes must have the same length (2, 1, 2)",
                assertThrows(FieldTypeException.class, () -> TypeDefinition.checked(List.of("a", "b"), List.of("A"),
                        List.of("String", "String"))).getMessage());
        for (String bad : List.of("2nd", "my-host", "", "a b", "a.b")) {
            FieldTypeException e = assertThrows(FieldTypeException.class,
                    () -> TypeDefinition.checked(List.of(bad), List.of("X"), List.of("String")));
            assertTrue(e.getMessage().endsWith("is not an identifier"), e.getMessage());
        }
        assertEquals("field name 'a' is used twice", assertThrows(FieldTypeException.class,
                () -> TypeDefinition.checked(List.of("a", "a"), List.of("A", "A"), List.of("String", "String"))).getMessage());
        assertEquals("field 'a': field type 'Gadget': unknown field type 'Gadget'", assertThrows(FieldTypeException.class,
                () -> TypeDefinition.checked(List.of("a"), List.of("A"), List.of("Gadget"))).getMessage());
        List<String> missing = new ArrayList<>(Arrays.asList((String) null));
        assertEquals("field 'a' has no type", assertThrows(FieldTypeException.class,
                () -> TypeDefinition.checked(List.of("a"), List.of("A"), missing)).getMessage());
    }

    @Test
    void identifiersFollowTheLanguage() {
        assertTrue(TypeDefinition.isIdentifier("x²"));
        assertTrue(TypeDefinition.isIdentifier("１a"), "a full-width digit may start an identifier");
        assertTrue(!TypeDefinition.isIdentifier("a\u0301"), "combining marks are not word characters");
    }
}
