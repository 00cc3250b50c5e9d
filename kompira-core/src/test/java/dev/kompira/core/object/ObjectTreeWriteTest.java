package dev.kompira.core.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transactions of {@link ObjectTree#write} check fields as every write of the tree does. */
class ObjectTreeWriteTest {

    private final ObjectTree tree = ObjectTree.initialisedOnFirstUse(new MemoryStore(), ZoneId.of("UTC"));

    private StoredObject create(String name, String type, Map<String, Value> fields) {
        return tree.write("add " + name, tx -> tx.create(tx.root().id(), name, typeId(tx, type), null, "root", fields));
    }

    private static long typeId(Transaction tx, String type) {
        return tx.get("/system/types/" + type).orElseThrow().id();
    }

    @Test
    void anUndeclaredFieldIsRefusedAndNothingIsCreated() {
        JobflowError refused = assertThrows(JobflowError.class, () -> create("hello", "Jobflow",
                Map.of("source", StringValue.of("print(1)"), "sauce", StringValue.of("tomato"))));
        assertEquals(ErrorCode.R_UPDATE, refused.code());
        assertEquals("/hello: field 'sauce' is not declared by its type /system/types/Jobflow", refused.getMessage());
        assertTrue(tree.get("/hello").isEmpty());
    }

    @Test
    void valuesAreConvertedAndValidatedByTheirDeclarations() {
        StoredObject node = create("web01", "NodeInfo", Map.of("port", StringValue.of("22")));
        assertEquals(IntegerValue.of(22), node.fields().get("port"), "the text '22' is stored as the Integer 22");

        JobflowError range = assertThrows(JobflowError.class, () -> tree.write("set port", tx -> tx.update(node.id(),
                ObjectUpdate.fields(Map.of("port", IntegerValue.of(70000))))));
        assertEquals("/web01: field 'port': 70000 is greater than max_value 65535", range.getMessage());
        assertEquals(IntegerValue.of(22), tree.get("/web01").orElseThrow().fields().get("port"));
    }

    @Test
    void objectFieldsResolveFromTheObjectsDirectoryAndKeepTheirQualifiers() {
        StoredObject account = create("deploy", "AccountInfo", Map.of("user", StringValue.of("ops")));
        StoredObject node = create("web01", "NodeInfo", Map.of("account", StringValue.of("deploy")));
        assertEquals(new ObjectRef(account.id()), node.fields().get("account"));

        JobflowError wrongType = assertThrows(JobflowError.class, () -> create("web02", "NodeInfo",
                Map.of("account", StringValue.of("/web01"))));
        assertTrue(wrongType.getMessage().startsWith("/web02: field 'account': /web01 "), wrongType.getMessage());
    }

    @Test
    void anObjectWhoseTypeIsNoTypeObjectIsRefused() {
        JobflowError refused = assertThrows(JobflowError.class, () -> tree.write("add", tx -> tx.create(tx.root().id(), "odd",
                tx.get("/system").orElseThrow().id(), null, "root", Map.of())));
        assertEquals("/odd: its type /system is not a type object", refused.getMessage());
        assertFalse(tree.get("/odd").isPresent());
    }

    @Test
    void theKeysTypesKeepBesideTheirFieldsPass() {
        StoredObject cfg = create("settings", "Config", Map.of());
        tree.write("set data", tx -> tx.update(cfg.id(), ObjectUpdate.fields(Map.of("data", new dev.kompira.core.value.DictionaryValue()))));
        assertTrue(tree.get("/settings").orElseThrow().fields().containsKey("data"));
        JobflowError refused = assertThrows(JobflowError.class, () -> tree.write("set", tx -> tx.update(cfg.id(),
                ObjectUpdate.fields(Map.of("message_last_id", IntegerValue.ONE)))));
        assertTrue(refused.getMessage().contains("field 'message_last_id' is not declared"), refused.getMessage());
    }
}
