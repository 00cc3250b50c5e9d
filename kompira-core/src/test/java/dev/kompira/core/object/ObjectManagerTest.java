package dev.kompira.core.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ObjectManager} over an engine with a memory store: every helper, every refusal, batches. */
class ObjectManagerTest {

    private final StringBuffer console = new StringBuffer();
    private final Kompira kompira = Kompira.builder().store(new MemoryStore()).carrierThreads(1)
            .console((pid, text) -> console.append(text)).build();
    private final ObjectManager objects = kompira.objects();

    @AfterEach
    void close() {
        kompira.close();
    }

    private WriteRefusedException refused(Runnable write) {
        return assertThrows(WriteRefusedException.class, write::run);
    }

    private ProcessOutcome run(String jobflowPath) throws Exception {
        return kompira.start(jobflowPath, Map.of(), StartOptions.DEFAULT).await(Duration.ofSeconds(30));
    }

    // ---- helpers

    @Test
    void createDirectoriesMakesWhatIsMissingAndKeepsWhatIsThere() {
        ObjectView flows = objects.createDirectories("/demo/flows");
        assertEquals("/demo/flows", flows.path());
        assertEquals("Directory", flows.typeName());
        assertTrue(flows.isContainer());
        assertTrue(objects.exists("/demo"));

        objects.setDescription("/demo", "kept");
        assertEquals("/demo/flows/more", objects.createDirectories("demo/flows/./more").path(), "relative from the root, . resolved");
        assertEquals("kept", objects.get("/demo").description(), "an existing directory is kept as it is");
        assertEquals("/demo/flows", objects.createDirectories("/demo/flows").path());

        objects.createJobflow("/demo/hello", "print('hello')");
        WriteRefusedException inTheWay = refused(() -> objects.createDirectories("/demo/hello/x"));
        assertEquals("/demo/hello/x: /demo/hello is a Jobflow, not a Directory", inTheWay.getMessage());
    }

    @Test
    void aJobflowIsCreatedReadAndStarted() throws Exception {
        objects.createDirectory("/demo");
        ObjectView flow = objects.createJobflow("/demo/hello", "| who = 'world' |\nprint('hello', who)");
        assertEquals("Jobflow", flow.typeName());
        assertEquals("/system/types/Jobflow", flow.typePath());
        assertEquals("hello", flow.name());
        assertEquals("hello", flow.displayName());
        assertEquals("root", flow.owner());
        assertEquals("| who = 'world' |\nprint('hello', who)", flow.javaField("source", String.class));
        assertTrue(flow.isSet("source"));
        assertFalse(flow.isSet("multiplicity"));
        assertFalse(flow.fieldNames().contains("executable"), "derived fields are not part of the view");
        assertTrue(run("/demo/hello").isDone());
        assertEquals("hello world\n", console.toString());
    }

    @Test
    void nodesAndAccountsTakePlainJavaValuesConvertedByTheirDeclarations() {
        objects.createDirectory("/ops");
        byte[] key = "-----BEGIN KEY-----".getBytes(StandardCharsets.UTF_8);
        ObjectView account = objects.createAccount("/ops/deploy", "ops", "s3cret", Map.of("keyfile", Map.of("name", "id_ed25519", "data", key)));
        assertEquals("AccountInfo", account.typeName());
        assertEquals("ops", account.javaField("user"));
        assertEquals("s3cret", account.javaField("password"));
        Map<?, ?> keyfile = account.javaField("keyfile", Map.class);
        assertEquals("id_ed25519", keyfile.get("name"));
        assertArrayEquals(key, (byte[]) keyfile.get("data"));

        ObjectView node = objects.createNode("/ops/web01", "web01.example", Map.of("port", "22", "account", "deploy",
                "use_shell", true, "ipaddr", "192.0.2.10"));
        assertEquals(22L, node.javaField("port", Long.class), "the text '22' is stored as the Integer 22");
        assertEquals(IntegerValue.of(22), node.field("port"));
        assertEquals("/ops/deploy", node.text("account"), "a relative path starts from the node's directory");
        assertInstanceOf(ObjectValue.class, node.field("account"));
        assertEquals(Boolean.TRUE, node.javaField("use_shell"));
        assertEquals(StringValue.of("web01.example"), objects.field("/ops/web01", "hostname"));

        ObjectView keyless = objects.createAccount("/ops/keyless", "ops", null);
        assertFalse(keyless.isSet("password"));
        assertEquals("", keyless.javaField("password"), "an unset Password reads its default");
    }

    @Test
    void anyTypeByNameOrPathWithFieldsOfEveryShape() {
        ObjectView env = objects.create("/env", "/system/types/Environment",
                Map.of("environment", Map.of("LANG", "C", "RETRIES", 3)));
        assertEquals(Map.of("LANG", "C", "RETRIES", "3"), env.javaField("environment"), "a Dictionary of Strings");
        ObjectView box = objects.create("/box", "Channel", Map.of());
        assertEquals("NoAction", box.javaField("action_type"), "an unset field reads its default");
        assertFalse(box.fieldNames().contains("message_queue"), "the queues are the engine's");
        assertTrue(objects.get("/").isContainer());
        assertEquals("Directory", objects.get("/").typeName());
    }

    @Test
    void fieldsAreWrittenConvertedAndUnsetBackToTheirDefaults() {
        objects.createNode("/web01", "web01");
        assertEquals(2222L, objects.setField("/web01", "port", 2222).javaField("port"));
        ObjectView both = objects.setFields("/web01", Map.of("port", "2200", "shell", "/bin/sh"));
        assertEquals(2200L, both.javaField("port"));
        assertEquals("/bin/sh", both.javaField("shell"));
        assertNull(objects.setField("/web01", "port", null).javaField("port"), "null is written as null");
        ObjectView unset = objects.unsetField("/web01", "shell");
        assertFalse(unset.isSet("shell"));
        assertEquals("", unset.javaField("shell"));
        assertEquals("front end", objects.setDisplayName("/web01", "front end").displayName());
        assertEquals("the first web server", objects.setDescription("/web01", "the first web server").description());
        refused(() -> objects.unsetField("/web01", "sauce"));
    }

    @Test
    void movingAndRenamingKeepReferencesAndADisplayNameThatWasTheName() {
        objects.createDirectories("/a");
        objects.createDirectories("/b");
        objects.createAccount("/a/deploy", "ops", "pw");
        objects.createNode("/a/web01", "web01", Map.of("account", "/a/deploy"));
        objects.setDisplayName("/a/web01", "Web 01");

        ObjectView moved = objects.move("/a/deploy", "/b/deployer");
        assertEquals("/b/deployer", moved.path());
        assertEquals("deployer", moved.displayName());
        assertEquals("/b/deployer", objects.get("/a/web01").text("account"), "the reference follows the object");

        ObjectView renamed = objects.rename("/a/web01", "web1");
        assertEquals("/a/web1", renamed.path());
        assertEquals("Web 01", renamed.displayName(), "a display name of its own is kept");
        assertFalse(objects.exists("/a/web01"));

        ObjectView copied = objects.copy("/a", "/b/a2");
        assertEquals(List.of("/b/a2/web1"), objects.list("/b/a2").stream().map(ObjectView::path).toList());
        assertEquals("Directory", copied.typeName());

        assertEquals("/a: cannot go to /a/inner, inside itself", refused(() -> objects.move("/a", "/a/inner")).getMessage());
        assertEquals("/: the root cannot be moved or copied", refused(() -> objects.move("/", "/x")).getMessage());
        refused(() -> objects.rename("/a/web1", "b/web2"));
        assertEquals("/a/web1", objects.move("/a/web1", "/a/web1").path(), "moving to where it is changes nothing");
    }

    @Test
    void deletingRefusesAContainerThatIsNotEmptyUnlessRecursively() {
        objects.createDirectories("/demo/flows");
        objects.createJobflow("/demo/flows/a", "print(1)");
        objects.createJobflow("/demo/flows/b", "print(2)");
        assertEquals(List.of("a", "b"), objects.list("/demo/flows").stream().map(ObjectView::name).toList());

        WriteRefusedException notEmpty = refused(() -> objects.delete("/demo"));
        assertEquals("/demo: it is not empty (1 object inside); deleteRecursively deletes it with everything in it",
                notEmpty.getMessage());
        objects.delete("/demo/flows/a");
        assertFalse(objects.exists("/demo/flows/a"));
        assertEquals(3, objects.deleteRecursively("/demo"));
        assertFalse(objects.exists("/demo/flows/b"));
        assertEquals("/: the root cannot be deleted", refused(() -> objects.deleteRecursively("/")).getMessage());
        assertEquals("/demo: there is no object at this path", refused(() -> objects.delete("/demo")).getMessage());
    }

    @Test
    void deletingAChannelWakesTheProcessesWaitingOnIt() throws Exception {
        objects.create("/box", "Channel", Map.of());
        JobflowProcess waiting = kompira.start(kompira.compile("w.kjf", "</box> ->> print($STATUS, $ERROR)"), Map.of());
        while (waiting.state() != ProcessState.WAITING) {
            Thread.sleep(2);
        }
        objects.delete("/box");
        assertTrue(waiting.await(Duration.ofSeconds(30)).isDone());
        assertEquals("-1 channel deleted\n", console.toString());
    }

    @Test
    void readsOfAMissingObjectSaySo() {
        assertTrue(objects.find("/nothing").isEmpty());
        assertEquals("no object at /nothing", assertThrows(NoSuchElementException.class, () -> objects.get("/nothing")).getMessage());
        assertThrows(NoSuchElementException.class, () -> objects.list("/nothing"));
        objects.createNode("/web01", "web01");
        NoSuchElementException noField = assertThrows(NoSuchElementException.class, () -> objects.field("/web01", "sauce"));
        assertEquals("/web01: its type /system/types/NodeInfo declares no field 'sauce'", noField.getMessage());
    }

    // ---- refusals

    @Test
    void anUndeclaredFieldIsRefusedNamingTheObjectAndTheField() {
        objects.createDirectory("/demo");
        WriteRefusedException e = refused(() -> objects.create("/demo/hello", "Jobflow",
                Map.of("source", "print(1)", "sauce", "tomato")));
        assertEquals("/demo/hello: field 'sauce' is not declared by its type /system/types/Jobflow", e.getMessage());
        assertEquals("/demo/hello", e.path());
        assertEquals("sauce", e.problems().get(0).field());
        assertInstanceOf(StoreException.class, e, "a refused write is a store rule broken");
        assertFalse(objects.exists("/demo/hello"));
    }

    @Test
    void valuesTheirDeclarationsRefuseAreAllReportedAndNothingIsWritten() {
        objects.createAccount("/deploy", "ops", "pw");
        objects.createNode("/web01", "web01");
        WriteRefusedException e = refused(() -> objects.createNode("/web02", "web02",
                Map.of("port", "abc", "ipaddr", "999.1.1.1", "account", "/web01")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("/web02: field 'port': 'abc' is not an integer"), e.getMessage());
        assertTrue(e.getMessage().contains("/web02: field 'ipaddr': '999.1.1.1' is not an IP address"), e.getMessage());
        assertTrue(e.getMessage().contains("/web02: field 'account': /web01 "), "an object qualifier: " + e.getMessage());
        assertFalse(objects.exists("/web02"));

        assertEquals("/web01: field 'port': 70000 is greater than max_value 65535",
                refused(() -> objects.setField("/web01", "port", 70000)).getMessage());
        assertEquals("/web01: field 'port': cannot convert Boolean to Integer",
                refused(() -> objects.setField("/web01", "port", true)).getMessage());
        assertEquals("/web01: field 'hostname': cannot convert Array to String",
                refused(() -> objects.setFields("/web01", Map.of("hostname", List.of("a"), "port", 1))).getMessage());
        assertNull(objects.get("/web01").javaField("port"), "a refused setFields writes none of its fields");
    }

    @Test
    void anEnumOutsideItsChoicesIsRefused() {
        objects.createJobflow("/flow", "print(1)");
        WriteRefusedException e = refused(() -> objects.setField("/flow", "defaultMonitoringMode", "LOUD"));
        assertTrue(e.getMessage().startsWith("/flow: field 'defaultMonitoringMode': 'LOUD' is not one of "), e.getMessage());
        assertEquals("MAIL", objects.setField("/flow", "defaultMonitoringMode", "MAIL").javaField("defaultMonitoringMode"));
    }

    @Test
    void badNamesMissingParentsAndTakenPathsAreRefused() {
        objects.createJobflow("/flow", "print(1)");
        assertEquals("/1st: name '1st' is not a valid object name (it must not start with a digit)",
                refused(() -> objects.createDirectory("/1st")).getMessage());
        assertEquals("/a b: name 'a b' is not a valid object name (it contains U+0020; only letters, digits and '_' are allowed)",
                refused(() -> objects.createDirectory("/a b")).getMessage());
        assertEquals("/nowhere/x: its parent /nowhere does not exist (createDirectories makes it)",
                refused(() -> objects.createJobflow("/nowhere/x", "print(1)")).getMessage());
        assertEquals("/flow: an object already exists at this path",
                refused(() -> objects.createJobflow("/flow", "print(2)")).getMessage());
        assertEquals("/flow/x: its parent /flow is a Jobflow, which holds no objects",
                refused(() -> objects.createDirectory("/flow/x")).getMessage());
        assertEquals("/x: type 'Sauce' does not exist (there is no type object at /system/types/Sauce)",
                refused(() -> objects.create("/x", "Sauce", Map.of())).getMessage());
        assertEquals("/x: type '/system': /system is not a type object",
                refused(() -> objects.create("/x", "/system", Map.of())).getMessage());
        assertEquals("print(1)", objects.get("/flow").javaField("source"));
    }

    @Test
    void fieldsTheEngineMaintainsAndValuesWithoutAJobflowFormAreRefused() {
        objects.createJobflow("/flow", "print(1)");
        assertEquals("/flow: field 'executable' is maintained by the engine and cannot be written",
                refused(() -> objects.setField("/flow", "executable", true)).getMessage());
        WriteRefusedException uuid = refused(() -> objects.setField("/flow", "source", UUID.randomUUID()));
        assertTrue(uuid.getMessage().startsWith("/flow: field 'source': a java.util.UUID has no jobflow value"), uuid.getMessage());
    }

    @Test
    void aSourceThatDoesNotCompileIsRefusedWithItsDiagnostics() {
        objects.createDirectory("/demo");
        WriteRefusedException e = refused(() -> objects.createJobflow("/demo/broken", "print(1"));
        assertTrue(e.getMessage().startsWith("/demo/broken: field 'source' does not compile:\n/demo/broken:1:"), e.getMessage());
        assertTrue(e.getMessage().contains(": error: "), e.getMessage());
        assertFalse(e.diagnostics().isEmpty());
        assertEquals("source", e.problems().get(0).field());
        assertFalse(objects.exists("/demo/broken"));

        refused(() -> objects.create("/demo/broken", "Jobflow", Map.of("source", "print(1")));
        objects.createJobflow("/demo/ok", "print(1)");
        WriteRefusedException update = refused(() -> objects.setField("/demo/ok", "source", "print(x)"));
        assertTrue(update.getMessage().contains("/demo/ok:1:7: error: undefined variable 'x'"), update.getMessage());
        assertEquals("print(1)", objects.get("/demo/ok").javaField("source"));
    }

    @Test
    void aDraftIsStoredAsItIsAndStartingItFailsWithItsDiagnosticsUntilItCompiles() throws Exception {
        objects.createDirectory("/demo");
        ObjectView draft = objects.createJobflowDraft("/demo/draft", "print(1");
        assertEquals("print(1", draft.javaField("source"));
        FlowCompileException e = assertThrows(FlowCompileException.class, () -> run("/demo/draft"));
        assertTrue(e.getMessage().startsWith("/demo/draft:1:"), e.getMessage());
        assertFalse(e.diagnostics().isEmpty());

        objects.setDraftSource("/demo/draft", "print(2");
        objects.setDraftSource("/demo/draft", "print('done')");
        assertTrue(run("/demo/draft").isDone());
        assertEquals("done\n", console.toString());

        objects.createNode("/demo/web01", "web01");
        assertEquals("/demo/web01: a NodeInfo is not a Jobflow: it has no draft source",
                refused(() -> objects.setDraftSource("/demo/web01", "print(1)")).getMessage());
        refused(() -> objects.createJobflowDraft("/demo/draft", "print(3)"));
    }

    @Test
    void typesDeclaredThroughTheApiMustDeclareTheirFieldsValidly() {
        WriteRefusedException e = refused(() -> objects.create("/system/types/Server", "TypeObject",
                Map.of("fieldNames", List.of("ip"), "fieldDisplayNames", List.of("IP"), "fieldTypes", List.of("Sauce"))));
        assertTrue(e.getMessage().startsWith("/system/types/Server: its field declarations are not valid: field 'ip': "), e.getMessage());

        objects.batch("a type and its first object", b -> {
            b.create("/system/types/Server", "TypeObject", Map.of("fieldNames", List.of("ip", "rack"),
                    "fieldDisplayNames", List.of("IP", "Rack"), "fieldTypes", List.of("IPAddress", "Integer#{\"min_value\": 1}")));
            b.create("/db1", "/system/types/Server", Map.of("ip", "192.0.2.1", "rack", 4));
            WriteRefusedException rack = assertThrows(WriteRefusedException.class, () -> b.setField("/db1", "rack", 0));
            assertEquals("/db1: field 'rack': 0 is less than min_value 1", rack.getMessage());
        });
        assertEquals("Server", objects.get("/db1").typeName());
        assertEquals(4L, objects.get("/db1").javaField("rack"));
    }

    // ---- batches

    @Test
    void aBatchIsOneTransactionWhoseReadsSeeItsOwnWrites() {
        objects.batch("add the demo flows", b -> {
            b.createDirectories("/demo/flows");
            assertTrue(b.exists("/demo/flows"));
            b.createJobflow("/demo/flows/hello", "print('hello')");
            b.createNode("/demo/web01", "web01");
            assertEquals(List.of("flows", "web01"), b.list("/demo").stream().map(ObjectView::name).toList());
            assertFalse(objects.exists("/demo"), "others see nothing before the batch is committed");
        });
        assertTrue(objects.exists("/demo/flows/hello"));
        assertTrue(objects.exists("/demo/web01"));
    }

    @Test
    void aRefusalInTheMiddleOfABatchLeavesNothingOfIt() {
        objects.createDirectory("/kept");
        WriteRefusedException e = assertThrows(WriteRefusedException.class, () -> objects.batch("half", b -> {
            b.createDirectories("/demo/flows");
            b.createJobflow("/demo/flows/good", "print(1)");
            b.setField("/kept", "sauce", 1);
            b.createJobflow("/demo/flows/never", "print(2)");
        }));
        assertEquals("/kept: field 'sauce' is not declared by its type /system/types/Directory", e.getMessage());
        assertFalse(objects.exists("/demo"));
        assertTrue(objects.exists("/kept"));

        assertThrows(IllegalStateException.class, () -> objects.batch("fails", b -> {
            b.createDirectory("/other");
            throw new IllegalStateException("the work itself fails");
        }));
        assertFalse(objects.exists("/other"));
    }

    @Test
    void workThatCatchesARefusalGoesOnWithTheRestOfTheBatch() {
        objects.batch("best effort", b -> {
            b.createDirectory("/demo");
            assertThrows(WriteRefusedException.class, () -> b.createJobflow("/demo/broken", "print(1"));
            b.createJobflow("/demo/good", "print(1)");
        });
        assertTrue(objects.exists("/demo/good"));
        assertFalse(objects.exists("/demo/broken"));
    }

    @Test
    void aBatchHandleCannotBeUsedAfterItsBatch() {
        ObjectBatch[] escaped = new ObjectBatch[1];
        objects.batch("escape", b -> escaped[0] = b);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> escaped[0].createDirectory("/late"));
        assertTrue(e.getMessage().contains("only usable inside the work of its batch"), e.getMessage());
        assertFalse(objects.exists("/late"));
    }

    @Test
    void jobflowsSeeWhatTheManagerWroteAndTheManagerSeesWhatJobflowsWrote() throws Exception {
        objects.createNode("/web01", "web01", Map.of("port", 22));
        objects.createJobflow("/bump", "[/web01.port + 1 >> /web01.port] -> print(/web01.hostname, /web01.port)");
        assertTrue(run("/bump").isDone());
        assertEquals("web01 23\n", console.toString());
        assertEquals(StringValue.of("web01"), objects.field("/web01", "hostname"));
        assertEquals(23L, objects.get("/web01").javaField("port", Long.class));
    }
}
