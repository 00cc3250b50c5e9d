package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.DictionaryValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in type tables of objects.md §4 as data. */
class BuiltinTypesTest {

    @Test
    void allTwentyEightTypesAndScheduleAreListedInCreationOrder() {
        assertEquals(List.of("TypeObject", "Directory", "Table", "Jobflow", "ScriptJob", "Library", "Channel", "Environment",
                "Config", "NodeInfo", "AccountInfo", "NodeType", "AttachedFile", "Virtual", "Realm", "Text", "Template",
                "MailTemplate", "SystemInfo", "MailChannel", "SmtpServer", "Form", "Repository", "Wiki", "CustomStyle",
                "LdapServer", "License", "OAuth2Provider", "Schedule"),
                BuiltinTypes.all().stream().map(BuiltinType::name).toList());
    }

    @Test
    void typesAreClassifiedAsInSectionFourZero() {
        Map<BuiltinType.Support, List<String>> expected = Map.of(
                BuiltinType.Support.CORE, List.of("TypeObject", "Directory", "Table", "Jobflow", "ScriptJob", "Library",
                        "Channel", "Environment", "Config", "NodeInfo", "AccountInfo", "NodeType", "AttachedFile", "Virtual", "MailTemplate", "MailChannel", "SmtpServer", "Schedule"),
                BuiltinType.Support.LATER, List.of("Realm", "Text", "SystemInfo"),
                BuiltinType.Support.OUT, List.of("Template", "Form", "Repository", "Wiki", "CustomStyle", "LdapServer",
                        "License", "OAuth2Provider"));
        expected.forEach((support, names) -> assertEquals(names,
                BuiltinTypes.all().stream().filter(t -> t.support() == support).map(BuiltinType::name).toList()));
    }

    @Test
    void everyTableParsesAsACheckedDefinition() {
        for (BuiltinType type : BuiltinTypes.all()) {
            TypeDefinition definition = type.definition();
            assertEquals(type.fieldNames(), definition.fieldNames(), type.name());
            assertEquals(type.fieldNames().size(), type.fieldDisplayNames().size());
            assertEquals(type.fieldNames().size(), type.fieldTypes().size());
            assertEquals("/system/types/" + type.name(), type.path());
        }
        TypeDefinition.checked(BuiltinTypes.systemConfigFields().stream().map(FieldDefinition::name).toList(),
                BuiltinTypes.systemConfigFields().stream().map(FieldDefinition::displayName).toList(),
                BuiltinTypes.systemConfigFields().stream().map(FieldDefinition::declaration).toList());
    }

    @Test
    void declarationsAreVerbatim() {
        assertEquals(List.of("String", "Integer#{\"default\": 25, \"min_value\": 10, \"max_value\": 1000}"),
                type("Directory").fieldTypes());
        assertEquals(List.of("Sort order", "Page size"), type("Directory").fieldDisplayNames());
        assertEquals(List.of("extend", "fieldNames", "fieldDisplayNames", "fieldTypes"), type("TypeObject").fieldNames());
        assertEquals("Object#{\"object\":{\"switch\":\"$[action_type]\",\"case\":{\"NoAction\":[],\"ExecuteJobflow\":\"/system/types/Jobflow\"}}}",
                type("Channel").fieldTypes().get(3));
        assertEquals("Enum#{\"enum\":[[\"NoAction\",\"No action\"],[\"ExecuteJobflow\",\"Execute Jobflow\"]],\"default\":\"NoAction\"}",
                type("Channel").fieldTypes().get(2));
        assertEquals("Enum#{\"enum\":[[\"NoAction\",\"No action\"],[\"ExecuteJobflow\",\"Execute jobflow\"]],\"default\":\"NoAction\"}",
                type("MailChannel").fieldTypes().get(17), "MailChannel's label differs in case from Channel's, as Kompira ships it");
        assertEquals(List.of("nodetype", "conntype", "hostname", "ipaddr", "port", "shell", "use_shell", "proxy", "account"),
                type("NodeInfo").fieldNames());
        assertEquals(List.of("File", "File", "File"), type("AttachedFile").fieldTypes());
        assertEquals(List.of("Implementation module"), type("Virtual").fieldDisplayNames());
        assertEquals(List.of("Boolean#", "Boolean#"), type("LdapServer").fieldTypes().subList(2, 4));
        String colour = "String#{\"pattern\":\"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|(rgb|hsl)\\\\(.+,.+,.+\\\\)|[A-Za-z]+)$\"}";
        assertEquals(List.of(colour, colour, colour, "Boolean"), type("CustomStyle").fieldTypes());
        assertEquals(List.of(), type("SystemInfo").fields());
        assertEquals(List.of(), type("License").fields());
        assertEquals(22, type("MailChannel").fields().size());
        assertEquals(20, type("LdapServer").fields().size());
    }

    @Test
    void systemConfigDeclarationsKeepTheVendorSlip() {
        List<FieldDefinition> fields = BuiltinTypes.systemConfigFields();
        assertEquals(19, fields.size());
        assertEquals("Object#{\"object\": \"/system/types/SmtpServer\", \"default\": \"/system/ldap_servers/Default\"}",
                fields.stream().filter(f -> f.name().equals("ldapServer")).findFirst().orElseThrow().declaration());
        assertEquals("String#{\"max_length\": 16}", fields.get(18).declaration());
    }

    @Test
    void everyTypeNamedByAnObjectQualifierIsBuiltIn() {
        List<FieldDefinition> all = new ArrayList<>(BuiltinTypes.systemConfigFields());
        BuiltinTypes.all().forEach(t -> all.addAll(t.fields()));
        Set<String> named = new HashSet<>();
        for (FieldDefinition field : all) {
            field.type().objectQualifier().ifPresent(q -> collectPaths(q, named));
        }
        assertTrue(named.size() >= 10, named.toString());
        for (String path : named) {
            assertTrue(path.startsWith("/system/types/") && BuiltinTypes.named(path.substring(14)).isPresent(), path);
        }
    }

    private static void collectPaths(JsonNode node, Set<String> paths) {
        if (node.isTextual() && node.asText().startsWith("/")) {
            paths.add(node.asText());
        }
        node.forEach(child -> collectPaths(child, paths));
    }

    @Test
    void lookupByName() {
        assertEquals("Jobflow", BuiltinTypes.named("Jobflow").orElseThrow().name());
        assertEquals(Optional.empty(), BuiltinTypes.named("jobflow"));
    }

    @Test
    void theTypeObjectFieldsReadBackAsTheSameDefinition() {
        Instant now = Instant.EPOCH;
        for (BuiltinType type : BuiltinTypes.all()) {
            StoredObject stored = new StoredObject(2, 1, type.name(), type.path(), 2, type.name(), "", "root", now, now,
                    new DictionaryValue(), new DictionaryValue(), type.typeObjectFields());
            TypeDefinition read = TypeDefinition.of(stored);
            assertEquals(type.fields(), read.fields(), type.name());
            assertEquals(List.of(), read.warnings());
        }
    }

    private static BuiltinType type(String name) {
        return BuiltinTypes.named(name).orElseThrow();
    }
}
