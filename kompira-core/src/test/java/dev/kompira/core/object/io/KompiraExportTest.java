package dev.kompira.core.object.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KompiraExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- round trips

    @Test
    void theExampleOfTheSpecificationRoundTrips() {
        ObjectTree first = IoTrees.frozen();
        ImportReport report = IoTrees.importJson(first, IoTrees.resource("example-7.9.json"));
        assertEquals(4, report.created());
        assertTrue(report.errors().isEmpty());
        String exported = IoTrees.exportJson(first, "/ops");

        ObjectTree second = IoTrees.frozen();
        IoTrees.importJson(second, exported);
        assertEquals(exported, IoTrees.exportJson(second, "/ops"));
    }

    @Test
    void theExampleImportsItsValuesAndReferences() {
        ObjectTree tree = IoTrees.fresh();
        ImportReport report = IoTrees.importJson(tree, IoTrees.resource("example-7.9.json"));

        StoredObject web1 = tree.get("/ops/web1").orElseThrow();
        StoredObject deploy = tree.get("/ops/deploy").orElseThrow();
        assertEquals(new ObjectRef(deploy.id()), web1.fields().get("account"));
        assertEquals(NullValue.NULL, web1.fields().get("proxy"));
        assertEquals(IntegerValue.of(22), web1.fields().get("port"));
        assertFalse(web1.fields().containsKey("nodetype"), "absent fields stay unset");
        assertEquals(new FileValue("id_ed25519", dev.kompira.core.value.BinaryValue.EMPTY), deploy.fields().get("keyfile"));
        assertTrue(report.warnings().stream().anyMatch(w -> w.startsWith("/ops/deploy: field 'keyfile'")), report.warnings().toString());
        DictionaryValue data = (DictionaryValue) tree.get("/ops/settings").orElseThrow().fields().get("data");
        assertEquals(IntegerValue.of(5), data.get("retries"));
    }

    @Test
    void importSkipsObjectQualifierChecksAsTheFormatRequires() {
        ObjectTree tree = IoTrees.fresh();
        String json = IoTrees.resource("example-7.9.json").replace("\"proxy\": null", "\"proxy\": \"ops/deploy\"");
        ImportReport report = IoTrees.importJson(tree, json);

        assertTrue(report.errors().isEmpty() && report.warnings().stream().noneMatch(w -> w.contains("proxy")), report.toString());
        StoredObject deploy = tree.get("/ops/deploy").orElseThrow();
        assertEquals(new ObjectRef(deploy.id()), tree.get("/ops/web1").orElseThrow().fields().get("proxy"));
    }

    @Test
    void theExportFollowsTheKeyOrderAndLayoutOfTheFormat() throws Exception {
        ObjectTree tree = IoTrees.frozen();
        IoTrees.importJson(tree, IoTrees.resource("example-7.9.json"));
        String exported = IoTrees.exportJson(tree, "/ops");

        JsonNode settings = JSON.readTree(exported).get(3);
        assertEquals(List.of("id", "owner", "fields", "user_permissions", "group_permissions", "created", "updated", "data",
                "display_name", "description", "parent_object", "objpath", "typepath"), keys(settings));
        assertEquals("ops", settings.get("parent_object").asText());
        assertEquals("/", JSON.readTree(exported).get(0).get("parent_object").asText());
        assertEquals("/system/types/Config", settings.get("typepath").asText());
        assertEquals("Integer#{\"default\": 3, \"min_value\": 0}", settings.get("fields").get("fieldTypes").get(0).asText());
        assertEquals("2024-05-01T00:00:03+00:00", settings.get("created").asText());
        assertTrue(exported.startsWith("[\n  {\n    \"id\": "), exported);
        assertTrue(exported.contains("\"user_permissions\": {},\n"), "empty objects are written {}");
        assertTrue(exported.endsWith("\n]\n"));
        assertFalse(exported.contains("\r"));
        JsonNode keyfile = JSON.readTree(exported).get(1).get("fields").get("keyfile");
        assertEquals("ops/deploy/keyfile.file", keyfile.get("path").asText());
    }

    @Test
    void aRealKompiraStyleFileImportsAsItIsAndRoundTrips() {
        ObjectTree first = IoTrees.frozen();
        String file = IoTrees.resource("kompira-style.json");
        ImportReport report = IoTrees.importJson(first, file);
        assertEquals(8, report.created(), report.toString());

        String source = ((StringValue) first.get("/test/hello").orElseThrow().fields().get("source")).value();
        assertEquals("[\"hello\" >> $X]\r\n-> print($X)\r\n", source, "sources keep their line ends");
        StoredObject servers = first.get("/test/servers").orElseThrow();
        assertEquals(first.get("/test/types/Server").orElseThrow().id(), servers.typeId(), "the type in the same document");
        assertEquals(IntegerValue.of(7), servers.fields().get("retries"));
        assertEquals(List.of(StringValue.of("a"), StringValue.of("b")), ((ArrayValue) servers.fields().get("tags")).items());
        assertEquals("2014-03-06T20:48:39Z[UTC]",
                ((DatetimeValue) servers.fields().get("checked")).value().toString(), "zone-less text is engine time");
        assertEquals(StringValue.of("x"), servers.fields().get("weird"), "an unparsable declaration acts as String");
        assertFalse(servers.fields().containsKey("peer"), "an unresolved reference leaves the field unset");
        assertEquals("admin", servers.owner());
        StoredObject hello = first.get("/test/hello").orElseThrow();
        assertFalse(hello.fields().containsKey("code"), "derived fields are not imported");
        assertFalse(first.get("/test/alerts").orElseThrow().fields().containsKey("message_queue"));
        DictionaryValue data = (DictionaryValue) first.get("/test/settings").orElseThrow().fields().get("data");
        assertEquals(new TimeValue(LocalTime.MIDNIGHT), data.get("start"));
        assertWarning(report, "/test/servers: field 'nonsense' is not declared");
        assertWarning(report, "/test/servers: field 'peer': object not found: test/missing");
        assertWarning(report, "/test/types/Server: field 'weird'");
        assertWarning(report, "/test/node1: field 'account': object not found");

        String exported = IoTrees.exportJson(first, "/test");
        assertTrue(exported.contains("\"String#{ \\\"max_length\\\": 64 }\""), "declarations are re-emitted verbatim");
        assertTrue(exported.contains("\"Strng#{oops\""));
        assertTrue(exported.contains("\"source\": \"[\\\"hello\\\" >> $X]\\r\\n-> print($X)\\r\\n\""));
        assertFalse(exported.contains("\"code\""), "derived fields are not exported");
        assertFalse(exported.contains("\"message_queue\""), "unset queues are left out");
        assertTrue(exported.contains("\"checked\": \"2014-03-06T20:48:39+00:00\""));
        assertTrue(exported.contains("\"typepath\": \"test/types/Server\""), "a type of the export is written as its objpath");

        ObjectTree second = IoTrees.frozen();
        IoTrees.importJson(second, exported);
        assertEquals(exported, IoTrees.exportJson(second, "/test"));
    }

    @Test
    void importingUnderAnotherBaseMovesEveryReferenceAlong() {
        ObjectTree tree = IoTrees.fresh();
        tree.write("make /copy", tx -> tx.create(tx.get("/").orElseThrow().id(), "copy",
                tx.get("/system/types/Directory").orElseThrow().id(), null, "root", java.util.Map.of()));
        KompiraExport.importJson(tree, new StringReader(IoTrees.resource("example-7.9.json")), "/copy", ImportOptions.defaults());

        StoredObject web1 = tree.get("/copy/ops/web1").orElseThrow();
        assertEquals(new ObjectRef(tree.get("/copy/ops/deploy").orElseThrow().id()), web1.fields().get("account"));
        StringWriter out = new StringWriter();
        KompiraExport.exportJson(tree, "/copy/ops", out, ExportOptions.defaults().withBase("/copy"));
        assertTrue(out.toString().contains("\"objpath\": \"ops/web1\""));
        assertTrue(out.toString().contains("\"account\": \"ops/deploy\""));
    }

    @Test
    void exportingTwiceGivesTheSameBytes() {
        ObjectTree tree = IoTrees.fresh();
        IoTrees.importJson(tree, IoTrees.resource("kompira-style.json"));
        assertEquals(IoTrees.exportJson(tree, "/test"), IoTrees.exportJson(tree, "/test"));
    }

    @Test
    void passwordsCanBeBlankedAndFilesInlined() throws Exception {
        ObjectTree tree = IoTrees.fresh();
        IoTrees.importJson(tree, "[{\"objpath\": \"acc\", \"typepath\": \"/system/types/AccountInfo\", \"fields\": "
                + "{\"password\": \"s3cret\", \"keyfile\": {\"name\": \"k\", \"data\": \"aGk=\"}}}]");
        StringWriter out = new StringWriter();
        KompiraExport.exportJson(tree, "/acc", out, ExportOptions.defaults().withBlankPasswords(true)
                .withAttachments(ExportOptions.Attachments.INLINE));
        JsonNode fields = JSON.readTree(out.toString()).get(0).get("fields");
        assertEquals("", fields.get("password").asText());
        assertEquals("aGk=", fields.get("keyfile").get("data").asText());
        assertEquals("s3cret", JSON.readTree(IoTrees.exportJson(tree, "/acc")).get(0).get("fields").get("password").asText());
    }

    // ---- options

    @Test
    void existingObjectsAreSkippedUnlessOverwriting() {
        ObjectTree tree = IoTrees.fresh();
        IoTrees.importJson(tree, node("\"hostname\": \"a\", \"port\": 22"));
        ImportReport skipped = IoTrees.importJson(tree, node("\"hostname\": \"b\""));
        assertEquals(1, skipped.skipped());
        assertEquals(StringValue.of("a"), tree.get("/n").orElseThrow().fields().get("hostname"));

        ImportReport overwritten = KompiraExport.importJson(tree, new StringReader(node("\"hostname\": \"b\"")), "/",
                ImportOptions.defaults().withOverwrite(true));
        assertEquals(1, overwritten.updated());
        StoredObject n = tree.get("/n").orElseThrow();
        assertEquals(StringValue.of("b"), n.fields().get("hostname"));
        assertFalse(n.fields().containsKey("port"), "overwrite makes the stored fields exactly the entry's");
    }

    @Test
    void withoutKeepOwnerThePrincipalOwnsEverything() {
        ObjectTree tree = IoTrees.fresh();
        KompiraExport.importJson(tree, new StringReader(IoTrees.resource("kompira-style.json")), "/",
                ImportOptions.defaults().withKeepOwner(false).withPrincipal("alice"));
        assertEquals("alice", tree.get("/test/servers").orElseThrow().owner());
    }

    // ---- bad input

    @Test
    void anUnknownTypeRejectsTheImportNamingThePathAndLeavesTheStoreUnchanged() {
        ObjectTree tree = IoTrees.fresh();
        String before = IoTrees.exportJson(tree, "/");
        String document = "[{\"objpath\": \"ok\", \"typepath\": \"system/types/Directory\"},"
                + " {\"objpath\": \"ok/bad\", \"typepath\": \"system/types/Nope\"}]";

        ImportException e = assertThrows(ImportException.class, () -> IoTrees.importJson(tree, document));
        assertEquals(List.of("/ok/bad: type 'system/types/Nope' not found (typepath names no object of the store or the document)"),
                e.errors());
        assertTrue(tree.get("/ok").isEmpty(), "all or nothing");
        assertEquals(before, IoTrees.exportJson(tree, "/"));
    }

    @Test
    void anInvalidNameIsAnError() {
        ObjectTree tree = IoTrees.fresh();
        ImportException e = assertThrows(ImportException.class,
                () -> IoTrees.importJson(tree, "[{\"objpath\": \"a b\", \"typepath\": \"/system/types/Directory\"}]"));
        assertTrue(e.getMessage().startsWith("/: name 'a b' is not a valid object name"), e.getMessage());
    }

    @Test
    void aMissingParentIsAnError() {
        ObjectTree tree = IoTrees.fresh();
        ImportException e = assertThrows(ImportException.class,
                () -> IoTrees.importJson(tree, "[{\"objpath\": \"x/y\", \"typepath\": \"/system/types/Directory\"}]"));
        assertEquals("/x/y: its parent /x does not exist and is not part of the import", e.getMessage());
    }

    @Test
    void anObjectOfAnotherTypeIsAnError() {
        ObjectTree tree = IoTrees.fresh();
        ImportException e = assertThrows(ImportException.class,
                () -> IoTrees.importJson(tree, "[{\"objpath\": \"system\", \"typepath\": \"/system/types/Jobflow\"}]"));
        assertEquals("/system: exists with type /system/types/Directory, the import gives /system/types/Jobflow", e.getMessage());
    }

    @Test
    void aBrokenReferenceIsAWarning() {
        ObjectTree tree = IoTrees.fresh();
        ImportReport report = IoTrees.importJson(tree, node("\"account\": \"nowhere/acc\""));
        assertWarning(report, "/n: field 'account': object not found: nowhere/acc; left unset");
        assertFalse(tree.get("/n").orElseThrow().fields().containsKey("account"));
    }

    @Test
    void aValueTheDeclarationRefusesIsAWarning() {
        ObjectTree tree = IoTrees.fresh();
        ImportReport report = IoTrees.importJson(tree, node("\"port\": 70000, \"hostname\": \"h\""));
        assertWarning(report, "/n: field 'port': 70000 is greater than max_value 65535; left unset");
        assertEquals(StringValue.of("h"), tree.get("/n").orElseThrow().fields().get("hostname"));
    }

    @Test
    void aLenientImportCommitsTheGoodEntries() {
        ObjectTree tree = IoTrees.fresh();
        ImportReport report = KompiraExport.importJson(tree, new StringReader("[{\"objpath\": \"ok\", \"typepath\": "
                + "\"/system/types/Directory\"}, {\"objpath\": \"bad\", \"typepath\": \"/nope\"}, {\"objpath\": \"bad/child\", "
                + "\"typepath\": \"/system/types/Directory\"}]"), "/", ImportOptions.defaults().withLenient(true));
        assertEquals(1, report.created());
        assertEquals(2, report.errors().size(), report.errors().toString());
        assertTrue(tree.get("/ok").isPresent());
        assertTrue(tree.get("/bad").isEmpty());
    }

    @Test
    void aDocumentThatIsNotAnArrayOrNotJsonIsRejected() {
        ObjectTree tree = IoTrees.fresh();
        assertThrows(ImportException.class, () -> IoTrees.importJson(tree, "{}"));
        ImportException e = assertThrows(ImportException.class, () -> IoTrees.importJson(tree, "[{"));
        assertTrue(e.getMessage().startsWith("invalid JSON"), e.getMessage());
    }

    @Test
    void entriesWithoutPathsAreSkippedWithAWarning() {
        ObjectTree tree = IoTrees.fresh();
        ImportReport report = IoTrees.importJson(tree, "[{\"virtual\": true}]");
        assertEquals(1, report.skipped());
        assertWarning(report, "entry 0: not an object");
    }

    @Test
    void exportingOutsideTheBaseIsRefused() {
        ObjectTree tree = IoTrees.fresh();
        assertThrows(IllegalArgumentException.class, () -> KompiraExport.exportJson(tree, "/system", new StringWriter(),
                ExportOptions.defaults().withBase("/config")));
    }

    @Test
    void exportedIdsAndTimestampsAreKept() {
        ObjectTree tree = IoTrees.fresh();
        ImportReport report = IoTrees.importJson(tree, IoTrees.resource("example-7.9.json"));

        assertTrue(report.warnings().stream().noneMatch(w -> w.contains("timestamp")), report.warnings().toString());
        StoredObject web1 = tree.get("/ops/web1").orElseThrow();
        assertEquals(103, web1.id());
        assertEquals(Instant.parse("2024-05-01T00:00:02Z"), web1.created());
        assertEquals(Instant.parse("2024-05-01T00:00:02Z"), web1.updated());
        assertInstanceOf(DictionaryValue.class, tree.get("/ops/settings").orElseThrow().fields().get("data"));
    }

    @Test
    void takenIdsAreReplacedAndStampUpdatedSetsUpdatedToNow() {
        ObjectTree tree = IoTrees.fresh();
        IoTrees.importJson(tree, IoTrees.resource("example-7.9.json"));
        String moved = IoTrees.resource("example-7.9.json").replace("\"objpath\": \"ops", "\"objpath\": \"copy");
        Instant before = Instant.now();

        KompiraExport.importJson(tree, new StringReader(moved), "/", ImportOptions.defaults().withStampUpdated(true));

        StoredObject copy = tree.get("/copy/web1").orElseThrow();
        assertTrue(copy.id() < 101 || copy.id() > 104, "id " + copy.id() + " was already taken");
        assertEquals(Instant.parse("2024-05-01T00:00:02Z"), copy.created());
        assertFalse(copy.updated().isBefore(before), copy.updated().toString());
    }

    @Test
    void anUnreadableTimestampIsAWarningAndTheImportTimeStays() {
        ObjectTree tree = IoTrees.fresh();
        String json = IoTrees.resource("example-7.9.json").replace("\"created\": \"2024-05-01T09:00:02+09:00\"", "\"created\": \"yesterday\"");
        ImportReport report = IoTrees.importJson(tree, json);
        assertWarning(report, "/ops/web1: 'created' is not a timestamp (yesterday)");
        assertTrue(tree.get("/ops/web1").orElseThrow().created().isAfter(Instant.parse("2025-01-01T00:00:00Z")));
    }

    private static String node(String fields) {
        return "[{\"objpath\": \"n\", \"typepath\": \"/system/types/NodeInfo\", \"fields\": {" + fields + "}}]";
    }

    private static void assertWarning(ImportReport report, String start) {
        assertTrue(report.warnings().stream().anyMatch(w -> w.startsWith(start)), "no warning '" + start + "' in " + report.warnings());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }
}
