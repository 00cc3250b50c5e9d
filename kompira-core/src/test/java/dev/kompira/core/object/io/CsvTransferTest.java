package dev.kompira.core.object.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CsvTransferTest {

    private static final String NODES = "name,hostname,ipaddr,port,use_shell,account\r\n"
            + "web1,web1.example.com,192.0.2.10,22,true,/inventory/deploy\r\n"
            + "web2,\"web2, the second\",192.0.2.11,2222,false,deploy\r\n"
            + "db1,db1.example.com,,,,\r\n";

    private ObjectTree tree;

    @BeforeEach
    void inventory() {
        tree = IoTrees.fresh();
        IoTrees.importJson(tree, "[{\"objpath\": \"inventory\", \"typepath\": \"/system/types/Directory\"},"
                + " {\"objpath\": \"inventory/deploy\", \"typepath\": \"/system/types/AccountInfo\", \"fields\": {\"user\": \"deploy\"}}]");
    }

    private int importNodes(String csv, boolean overwrite) {
        return KompiraExport.importCsv(tree, new StringReader(csv), "/inventory", "/system/types/NodeInfo", overwrite);
    }

    private String exportNodes() {
        StringWriter out = new StringWriter();
        KompiraExport.exportCsv(tree, "/inventory", "/system/types/NodeInfo", out);
        return out.toString();
    }

    @Test
    void rowsBecomeObjectsConvertedByTheirDeclarations() {
        assertEquals(3, importNodes(NODES, false));

        StoredObject web2 = tree.get("/inventory/web2").orElseThrow();
        assertEquals(StringValue.of("web2, the second"), web2.fields().get("hostname"));
        assertEquals(IntegerValue.of(2222), web2.fields().get("port"));
        assertEquals(new ObjectRef(tree.get("/inventory/deploy").orElseThrow().id()), web2.fields().get("account"),
                "a relative path is seen from the container");
        StoredObject db1 = tree.get("/inventory/db1").orElseThrow();
        assertFalse(db1.fields().containsKey("port"), "an empty cell is an unset field");
    }

    @Test
    void theExportReadsBackToTheSameTable() {
        importNodes(NODES, false);
        String exported = exportNodes();
        assertTrue(exported.startsWith("name,nodetype,conntype,hostname,ipaddr,port,shell,use_shell,proxy,account\r\n"), exported);
        assertTrue(exported.contains("web1,,,web1.example.com,192.0.2.10,22,,true,,/inventory/deploy\r\n"), exported);

        ObjectTree first = tree;
        inventory();
        importNodes(exported, false);
        assertEquals(exported, exportNodes());
        assertEquals(first.get("/inventory/web2").orElseThrow().fields().get("hostname"),
                tree.get("/inventory/web2").orElseThrow().fields().get("hostname"));
    }

    @Test
    void aBadRowRejectsTheWholeImportNamingTheRowAndTheField() {
        String csv = NODES + "bad1,host,192.0.2.12,70000,false,\r\n";
        ImportException e = assertThrows(ImportException.class, () -> importNodes(csv, false));
        assertEquals(List.of("row 5 ('bad1'): field 'port': 70000 is greater than max_value 65535"), e.errors());
        assertTrue(tree.get("/inventory/web1").isEmpty(), "no row is imported");
    }

    @Test
    void everyBadRowIsReported() {
        String csv = "name,ipaddr,account\r\n1st,192.0.2.1,\r\nok,not-an-ip,\r\nok2,,/nowhere\r\nshort\r\n";
        ImportException e = assertThrows(ImportException.class, () -> importNodes(csv, false));
        assertEquals(4, e.errors().size(), e.getMessage());
        assertTrue(e.errors().get(0).startsWith("row 2 ('1st'): /inventory: name '1st' is not a valid object name"), e.getMessage());
        assertEquals("row 3 ('ok'): field 'ipaddr': 'not-an-ip' is not an IP address", e.errors().get(1));
        assertEquals("row 4 ('ok2'): field 'account': object not found: /nowhere", e.errors().get(2));
        assertEquals("row 5: 1 cells, the header has 3", e.errors().get(3));
    }

    @Test
    void aBadHeaderIsReported() {
        ImportException e = assertThrows(ImportException.class, () -> importNodes("hostname,colour\r\nx,y\r\n", false));
        assertEquals(List.of("row 1: the header has no 'name' column",
                "row 1: column 'colour' is not a field of /system/types/NodeInfo"), e.errors());
    }

    @Test
    void existingObjectsNeedOverwrite() {
        importNodes(NODES, false);
        String update = "name,port\r\nweb1,2200\r\n";
        ImportException e = assertThrows(ImportException.class, () -> importNodes(update, false));
        assertEquals("row 2 ('web1'): /inventory/web1: already exists (import without overwrite)", e.getMessage());

        assertEquals(1, importNodes(update, true));
        StoredObject web1 = tree.get("/inventory/web1").orElseThrow();
        assertEquals(IntegerValue.of(2200), web1.fields().get("port"));
        assertEquals(StringValue.of("web1.example.com"), web1.fields().get("hostname"), "fields without a column are kept");
    }

    @Test
    void aTableGivesTheRowType() {
        tree.write("make a table", tx -> tx.create(tx.get("/").orElseThrow().id(), "nodes",
                tx.get("/system/types/Table").orElseThrow().id(), null, "root",
                Map.of("typeObject", new ObjectRef(tx.get("/system/types/NodeInfo").orElseThrow().id()))));
        assertEquals(1, KompiraExport.importCsv(tree, new StringReader("name,hostname\r\nn1,h1\r\n"), "/nodes", null, false));
        StringWriter out = new StringWriter();
        KompiraExport.exportCsv(tree, "/nodes", out);
        assertTrue(out.toString().contains("\r\nn1,,,h1,"), out.toString());
        ImportException e = assertThrows(ImportException.class, () -> KompiraExport.importCsv(tree,
                new StringReader("name\r\nx\r\n"), "/nodes", "/system/types/Directory", false));
        assertEquals("/nodes: the Table holds /system/types/NodeInfo, not /system/types/Directory", e.getMessage());
    }

    @Test
    void containersAndFilesTravelAsJson() {
        IoTrees.importJson(tree, "[{\"objpath\": \"inventory/files\", \"typepath\": \"/system/types/AttachedFile\", "
                + "\"fields\": {\"attached1\": {\"name\": \"a.txt\", \"data\": \"aGk=\"}}}]");
        StringWriter out = new StringWriter();
        KompiraExport.exportCsv(tree, "/inventory", "/system/types/AttachedFile", out);
        assertEquals("name,attached1,attached2,attached3\r\nfiles,\"{\"\"name\"\":\"\"a.txt\"\",\"\"data\"\":\"\"aGk=\"\"}\",,\r\n",
                out.toString());
        tree.write("remove", tx -> tx.delete(tx.get("/inventory/files").orElseThrow().id()));
        KompiraExport.importCsv(tree, new StringReader(out.toString()), "/inventory", "/system/types/AttachedFile", false);
        StringWriter again = new StringWriter();
        KompiraExport.exportCsv(tree, "/inventory", "/system/types/AttachedFile", again);
        assertEquals(out.toString(), again.toString());
    }
}
