package dev.kompira.core.object.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of field declarations (objects.md §3.5) and the typed qualifier accessors (§3.6). */
class FieldTypeTest {

    /** Every declaration objects.md writes (grep of the spec; {@code \\|} unescaped, placeholders {@code <T>} left out). */
    static Stream<String> specDeclarations() {
        return Stream.of(
            "Array#",
            "Array<Binary>#{\"invisible\": true}",
            "Array<Binary>",
            "Array<File>",
            "Array<String>",
            "Array",
            "Binary",
            "Boolean#",
            "Boolean#{\"default\": false}",
            "Boolean#{\"default\": true}",
            "Boolean#{\"invisible\": true}",
            "Boolean",
            "Date",
            "Datetime#{\"invisible\": true}",
            "Datetime",
            "Dictionary#{\"invisible\": true}",
            "Dictionary<File>",
            "Dictionary<String>",
            "Dictionary",
            "EMail#",
            "EMail",
            "Enum#{\"enum\": [\"BASE\", \"ONELEVEL\", \"SUBTREE\"], \"default\": \"SUBTREE\"}",
            "Enum#{\"enum\": [\"Creole\", \"Markdown\", \"Textile\"], \"default\": \"Creole\"}",
            "Enum#{\"enum\": [\"IMAP4\", \"POP3\"], \"default\": \"IMAP4\"}",
            "Enum#{\"enum\": [\"PosixGroup\", \"GroupOfNames\", \"NestedGroupOfNames\", \"GroupOfUniqueNames\", \"NestedGroupOfUniqueNames\", \"ActiveDirectoryGroup\", \"NestedActiveDirectoryGroup\", \"OrganizationalRoleGroup\", \"NestedOrganizationalRoleGroup\"]}",
            "Enum#{\"enum\": [\"git\", \"mercurial\"]}",
            "Enum#{\"enum\": [\"source\", \"safe_source\", \"module\"], \"default\": \"source\"}",
            "Enum#{\"enum\": [[\"NOTHING\", \"Do nothing.\"], [\"MAIL\", \"When the process is finished, a mail will be sent.\"], [\"ABORT_MAIL\", \"When the process is terminated abnormally, a mail will be sent.\"]]}",
            "Enum#{\"enum\":\"$[nodetype][conntypes]\"}",
            "Enum#{\"enum\":[[\"NoAction\",\"No action\"],[\"ExecuteJobflow\",\"Execute Jobflow\"]],\"default\":\"NoAction\"}",
            "Enum#{\"enum\":[[\"NoAction\",\"No action\"],[\"ExecuteJobflow\",\"Execute jobflow\"]],\"default\":\"NoAction\"}",
            "Enum#{\"enum\":{\"switch\":\"$[protocol]\",\"case\":{\"IMAP4\":[[\"ReceiveAllAndDelete\",\"Receive all mail, and delete received mail.\"],[\"ReceiveUnseenAndSetSeen\",\"Receive unread mail, and mark received mail as read.\"]],\"POP3\":[[\"ReceiveAllAndDelete\",\"Receive all mail, and delete received mail.\"]]}}}",
            "Enum",
            "File",
            "Float#{\"default\": 0, \"min_value\": 0, \"max_value\": 10000000}",
            "Float",
            "IPAddress",
            "Integer#{ \"default\": 100 }",
            "Integer#{\"default\": 10, \"min_value\": 0}",
            "Integer#{\"default\": 10}",
            "Integer#{\"default\": 25, \"min_value\": 10, \"max_value\": 1000}",
            "Integer#{\"default\": 3, \"min_value\": 0}",
            "Integer#{\"default\": 60, \"min_value\": 0}",
            "Integer#{\"default\": 65536}",
            "Integer#{\"min_value\": 0, \"max_value\": 1000000}",
            "Integer#{\"min_value\": 0, \"max_value\": 65535}",
            "Integer",
            "LargeText#{\"invisible\": true}",
            "LargeText",
            "Object#{\"object\": \"/system/types/AccountInfo\"}",
            "Object#{\"object\": \"/system/types/CustomStyle\", \"default\": \"/system/styles/Default\"}",
            "Object#{\"object\": \"/system/types/Directory\"}",
            "Object#{\"object\": \"/system/types/Environment\"}",
            "Object#{\"object\": \"/system/types/MailTemplate\", \"default\": \"/system/templates/ProcessAborted\"}",
            "Object#{\"object\": \"/system/types/MailTemplate\", \"default\": \"/system/templates/ProcessDone\"}",
            "Object#{\"object\": \"/system/types/NodeInfo\"}",
            "Object#{\"object\": \"/system/types/OAuth2Provider\"}",
            "Object#{\"object\": \"/system/types/SmtpServer\", \"default\": \"/system/ldap_servers/Default\"}",
            "Object#{\"object\": \"/system/types/SmtpServer\", \"default\": \"/system/smtp_servers/Default\"}",
            "Object#{\"object\": \"/system/types/TypeObject\", \"no_empty\": true}",
            "Object#{\"object\": [\"/system/types/Jobflow\", \"/system/types/Channel\"], \"no_empty\": true}",
            "Object#{\"object\": [\"/system/types/Jobflow\", \"/system/types/Form\"]}",
            "Object#{\"object\":\"/system/types/NodeType\"}",
            "Object#{\"object\":{\"switch\":\"$[action_type]\",\"case\":{\"NoAction\":[],\"ExecuteJobflow\":\"/system/types/Jobflow\"}}}",
            "Object",
            "Password#",
            "Password#{\"invisible\": true}",
            "Password",
            "String#",
            "String#{\"default\": \"\"}",
            "String#{\"default\": \"32768\"}",
            "String#{\"default\": \"INBOX\"}",
            "String#{\"default\": \"[{username}@{hostname}]{sudomark} {command}\"}",
            "String#{\"default\": \"givenName\"}",
            "String#{\"default\": \"group\"}",
            "String#{\"default\": \"mail\"}",
            "String#{\"default\": \"name\"}",
            "String#{\"default\": \"sn\"}",
            "String#{\"invisible\": true}",
            "String#{\"max_length\": 16}",
            "String#{\"pattern\":\"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|(rgb|hsl)\\\\(.+,.+,.+\\\\)|[A-Za-z]+)$\"}",
            "String",
            "Text",
            "Time",
            "URL#",
            "URL#{\"schemes\": [\"ldap\", \"ldaps\"]}",
            "URL"
        );
    }

    @ParameterizedTest
    @MethodSource("specDeclarations")
    void everyDeclarationOfTheSpecParsesAndRoundTripsByteForByte(String declaration) {
        FieldType type = FieldType.parse(declaration);
        assertEquals(declaration, type.declaration());
        assertEquals(declaration, type.toString());
        assertEquals(type, FieldType.parse(declaration));
        assertEquals(Optional.empty(), type.warning());
        assertEquals(type, FieldType.parseLenient(declaration));
    }

    @Test
    void typeNamesMapToTheirKinds() {
        for (FieldKind kind : FieldKind.values()) {
            FieldType type = FieldType.parse(kind.typeName());
            assertEquals(kind, type.kind());
            assertEquals(kind.isContainer() ? Optional.of(FieldKind.STRING) : Optional.empty(), type.element());
        }
        assertEquals(19, FieldKind.values().length);
    }

    @Test
    void elementTypesAreReadForContainers() {
        assertEquals(Optional.of(FieldKind.BINARY), FieldType.parse("Array<Binary>#{\"invisible\": true}").element());
        assertEquals(Optional.of(FieldKind.FILE), FieldType.parse("Dictionary<File>").element());
        assertEquals(Optional.of(FieldKind.INTEGER), FieldType.parse(" Array < Integer > # ").element());
        assertEquals(FieldKind.DICTIONARY, FieldType.parse("Dictionary<String>").kind());
    }

    @Test
    void splitsAtTheFirstHashAndTrimsBothParts() {
        FieldType type = FieldType.parse("  Integer  #  { \"default\": 100 }  ");
        assertEquals(FieldKind.INTEGER, type.kind());
        assertEquals("100", type.defaultJson().orElseThrow().toString());
        FieldType hashes = FieldType.parse("String#{\"pattern\": \"^#[0-9]+$\", \"help_text\": \"a # b\"}");
        assertTrue(hashes.pattern().orElseThrow().matcher("#12").find());
        assertEquals("a # b", hashes.qualifiers().get("help_text").asText());
    }

    @Test
    void anEmptyQualifierPartMeansNoQualifiers() {
        assertEquals(0, FieldType.parse("String#").qualifiers().size());
        assertEquals(0, FieldType.parse("String#   ").qualifiers().size());
        assertEquals(0, FieldType.parse("String").qualifiers().size());
        assertNotEquals(FieldType.parse("String#"), FieldType.parse("String"), "the text differs, so do the declarations");
    }

    @Test
    void qualifiersMayContainNewlines() {
        FieldType type = FieldType.parse("Integer#{\n  \"min_value\": 1,\n  \"max_value\": 9\n}");
        assertEquals(Optional.of(BigDecimal.ONE), type.minValue());
        assertEquals(Optional.of(BigDecimal.valueOf(9)), type.maxValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo", "string", "Array<T>", "Dictionary<T>", "Integer<String>", "Array<Text>",
        "Array<LargeText>", "Array<Array>", "Dictionary<Dictionary>", "Array<>", "", "#{}", "Array<String", "Integer#{",
        "Integer#[1]", "Integer#{\"a\": 1} x", "Integer#\"default\"", "String#{\"pattern\": \"(\"}",
        "String#{\"pattern\": 3}", "String#{\"min_length\": -1}", "String#{\"max_length\": \"x\"}",
        "Integer#{\"min_value\": \"0\"}", "URL#{\"schemes\": 3}", "Enum#{\"enum\": [{}]}", "Enum#{\"enum\": 3}"})
    void invalidDeclarationsAreRejectedWithAMessageQuotingThem(String declaration) {
        FieldTypeException e = assertThrows(FieldTypeException.class, () -> FieldType.parse(declaration));
        assertTrue(e.getMessage().startsWith("field type '" + declaration + "': "), e.getMessage());
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertEquals("field type 'Foo#{}': unknown field type 'Foo'",
                assertThrows(FieldTypeException.class, () -> FieldType.parse("Foo#{}")).getMessage());
        assertEquals("field type 'Integer<String>': only Array and Dictionary take an element type",
                assertThrows(FieldTypeException.class, () -> FieldType.parse("Integer<String>")).getMessage());
        assertEquals("field type 'Array<Text>': 'Text' is not allowed as an element type",
                assertThrows(FieldTypeException.class, () -> FieldType.parse("Array<Text>")).getMessage());
        assertEquals("field type 'Integer#[1]': the qualifiers must be a JSON object",
                assertThrows(FieldTypeException.class, () -> FieldType.parse("Integer#[1]")).getMessage());
        assertTrue(assertThrows(FieldTypeException.class, () -> FieldType.parse("Integer#{oops}")).getMessage()
                .startsWith("field type 'Integer#{oops}': invalid qualifier JSON: "));
    }

    @Test
    void lenientParsingFallsBackToStringAndKeepsTheText() {
        FieldType type = FieldType.parseLenient("Foo#{\"default\": 1}");
        assertEquals(FieldKind.STRING, type.kind());
        assertEquals("Foo#{\"default\": 1}", type.declaration());
        assertEquals(0, type.qualifiers().size());
        assertEquals("field type 'Foo#{\"default\": 1}': unknown field type 'Foo'; the field is treated as String",
                type.warning().orElseThrow());
        assertNotEquals(FieldType.parse("String"), type);
        assertEquals(FieldKind.STRING, FieldType.parseLenient("Integer#{broken").kind());
    }

    @Test
    void unknownQualifiersAreKeptAndIgnored() {
        FieldType type = FieldType.parse("Integer#{\"color\": \"red\", \"help_text\": \"port\"}");
        assertEquals("red", type.qualifiers().get("color").asText());
    }

    @Test
    void qualifiersAreCopiedOnTheWayOut() {
        FieldType type = FieldType.parse("Integer#{\"default\": 1}");
        ObjectNode copy = type.qualifiers();
        copy.put("default", 2);
        assertEquals(1, type.qualifiers().get("default").asInt());
        assertEquals(1, type.defaultJson().orElseThrow().asInt());
    }

    @Test
    void defaultIsRawJsonIncludingNull() {
        assertEquals(Optional.empty(), FieldType.parse("String").defaultJson());
        assertTrue(FieldType.parse("String#{\"default\": null}").defaultJson().orElseThrow().isNull());
        assertEquals("SUBTREE", FieldType.parse("Enum#{\"enum\": [\"BASE\", \"SUBTREE\"], \"default\": \"SUBTREE\"}")
                .defaultJson().orElseThrow().asText());
    }

    @Test
    void staticEnumListsAreReadAsChoices() {
        assertEquals(List.of(new EnumChoice("git", "git"), new EnumChoice("mercurial", "mercurial")),
                FieldType.parse("Enum#{\"enum\": [\"git\", \"mercurial\"]}").enumChoices().orElseThrow());
        assertEquals(List.of(new EnumChoice("NoAction", "No action"), new EnumChoice("ExecuteJobflow", "Execute Jobflow")),
                FieldType.parse("Enum#{\"enum\":[[\"NoAction\",\"No action\"],[\"ExecuteJobflow\",\"Execute Jobflow\"]]}")
                        .enumChoices().orElseThrow());
        assertEquals(List.of(new EnumChoice("1", "1"), new EnumChoice("x", "x")),
                FieldType.parse("Enum#{\"enum\": [1, [\"x\"]]}").enumChoices().orElseThrow());
    }

    @Test
    void dynamicEnumFormsAreUnresolvedButKeptRaw() {
        FieldType reference = FieldType.parse("Enum#{\"enum\":\"$[nodetype][conntypes]\"}");
        assertEquals(Optional.empty(), reference.enumChoices());
        assertEquals("$[nodetype][conntypes]", reference.enumQualifier().orElseThrow().asText());
        FieldType switched = FieldType.parse("Enum#{\"enum\":{\"switch\":\"$[protocol]\",\"case\":{\"POP3\":[\"a\"]}}}");
        assertEquals(Optional.empty(), switched.enumChoices());
        assertTrue(switched.enumQualifier().orElseThrow().has("switch"));
        assertEquals(Optional.empty(), FieldType.parse("Enum#{\"enum\": null}").enumQualifier());
    }

    @Test
    void textQualifiersAreTyped() {
        FieldType type = FieldType.parse("String#{\"pattern\": \"^a+$\", \"min_length\": 2, \"max_length\": 16, \"strip\": true}");
        assertEquals("^a+$", type.pattern().orElseThrow().pattern());
        assertEquals(OptionalInt.of(2), type.minLength());
        assertEquals(OptionalInt.of(16), type.maxLength());
        assertTrue(type.strip());
        FieldType plain = FieldType.parse("String");
        assertEquals(Optional.empty(), plain.pattern());
        assertEquals(OptionalInt.empty(), plain.minLength());
        assertEquals(OptionalInt.empty(), plain.maxLength());
        assertFalse(plain.strip());
    }

    @Test
    void pythonNamedGroupsAreTranslated() {
        FieldType type = FieldType.parse("String#{\"pattern\": \"^(?P<w>[a-z])(?P=w)$\"}");
        assertTrue(type.pattern().orElseThrow().matcher("aa").find());
        assertFalse(type.pattern().orElseThrow().matcher("ab").find());
    }

    @Test
    void flagQualifiersAreTyped() {
        FieldType type = FieldType.parse("Dictionary<Object>#{\"key_strip\": true, \"no_empty\": true, \"invisible\": 1}");
        assertTrue(type.keyStrip());
        assertTrue(type.noEmpty());
        assertTrue(type.invisible());
        FieldType off = FieldType.parse("Object#{\"no_empty\": false, \"invisible\": null}");
        assertFalse(off.noEmpty());
        assertFalse(off.invisible());
        assertFalse(off.keyStrip());
    }

    @Test
    void numericBoundsAreTyped() {
        FieldType type = FieldType.parse("Float#{\"default\": 0, \"min_value\": 0, \"max_value\": 10000000}");
        assertEquals(Optional.of(BigDecimal.ZERO), type.minValue());
        assertEquals(Optional.of(BigDecimal.valueOf(10_000_000)), type.maxValue());
        assertEquals(0, new BigDecimal("0.5").compareTo(FieldType.parse("Float#{\"min_value\": 0.5}").minValue().orElseThrow()));
    }

    @Test
    void schemesDefaultToTheWebSchemesAndAreLowerCased() {
        assertEquals(List.of("http", "https", "ftp", "ftps"), FieldType.parse("URL").schemes());
        assertEquals(List.of("ldap", "ldaps"), FieldType.parse("URL#{\"schemes\": [\"LDAP\", \"ldaps\"]}").schemes());
        assertEquals(List.of("ssh"), FieldType.parse("URL#{\"schemes\": \"ssh\"}").schemes());
    }

    @Test
    void objectQualifiersAreExposedRaw() {
        FieldType type = FieldType.parse("Object#{\"object\": [\"/system/types/Jobflow\", \"/system/types/Form\"], "
                + "\"directory\": \"~\", \"filter\": {\"name__startswith\": \"web\"}}");
        assertEquals(2, type.objectQualifier().orElseThrow().size());
        assertEquals("~", type.directoryQualifier().orElseThrow().asText());
        assertEquals("web", type.filterQualifier().orElseThrow().get("name__startswith").asText());
        FieldType none = FieldType.parse("Object#{\"object\": null}");
        assertEquals(Optional.empty(), none.objectQualifier());
        assertEquals(Optional.empty(), none.directoryQualifier());
        assertEquals(Optional.empty(), none.filterQualifier());
    }

    @Test
    void fileKindsAreRecognised() {
        assertTrue(FieldType.parse("File").isFileKind());
        assertTrue(FieldType.parse("Array<File>").isFileKind());
        assertTrue(FieldType.parse("Dictionary<File>").isFileKind());
        assertFalse(FieldType.parse("Array").isFileKind());
    }
}
