package dev.kompira.core.object.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Export bundles and attachments (objects.md §7.6) with real files, ZIP archives and tar.gz archives. */
class ExportBundleTest {

    /** Bytes that are not UTF-8 (a lone 0xff, 0xfe, 0x80), a NUL and both line ends. */
    static final byte[] BINARY = {0, (byte) 0xff, (byte) 0xfe, (byte) 0x80, '\r', '\n', 'x', '\n'};
    static final byte[] JAPANESE = "日本語\r\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] PEM = "-----BEGIN KEY-----\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * A type with a File, an Array&lt;File&gt; and a Dictionary&lt;File&gt; field, an object of it
     * holding binary, empty and non-ASCII files, and an AttachedFile.
     */
    static final String SEED = "[\n"
            + "{\"objpath\": \"app\", \"typepath\": \"/system/types/Directory\"},\n"
            + "{\"objpath\": \"app/Holder\", \"typepath\": \"/system/types/TypeObject\", \"fields\": {"
            + "\"fieldNames\": [\"one\", \"many\", \"named\"], \"fieldDisplayNames\": [\"One\", \"Many\", \"Named\"], "
            + "\"fieldTypes\": [\"File\", \"Array<File>\", \"Dictionary<File>\"]}},\n"
            + "{\"objpath\": \"app/holder\", \"typepath\": \"app/Holder\", \"fields\": {"
            + "\"one\": " + rest("blob.bin", BINARY) + ", "
            + "\"many\": [" + rest("empty.txt", new byte[0]) + ", " + rest("テキスト.txt", JAPANESE) + "], "
            + "\"named\": {\"key\": " + rest("k.pem", PEM) + ", \"raw\": " + rest("raw.bin", BINARY) + "}}},\n"
            + "{\"objpath\": \"app/attached\", \"typepath\": \"/system/types/AttachedFile\", \"fields\": {"
            + "\"attached1\": " + rest("notes.txt", JAPANESE) + ", \"attached2\": {\"path\": \"\", \"name\": \"\"}}}\n"
            + "]";

    @TempDir
    Path dir;

    static String rest(String name, byte[] data) {
        return "{\"name\": \"" + name + "\", \"data\": \"" + Base64.getEncoder().encodeToString(data) + "\"}";
    }

    /** A tree holding the seed objects. */
    static ObjectTree seeded() {
        ObjectTree tree = IoTrees.frozen();
        ImportReport report = IoTrees.importJson(tree, SEED);
        assertEquals(List.of(), report.warnings());
        return tree;
    }

    static byte[] bundle(ObjectTree tree, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KompiraExport.exportBundle(tree, path, out, ExportOptions.defaults());
        return out.toByteArray();
    }

    static ImportReport importFile(ObjectTree tree, Path file) throws IOException {
        return KompiraExport.importFile(tree, file, "/", ImportOptions.defaults());
    }

    /** Asserts that every File of the seed arrived in {@code tree} with its name and bytes. */
    static void assertSeedFiles(ObjectTree tree) {
        Map<String, Value> holder = tree.get("/app/holder").orElseThrow().fields();
        assertFile("blob.bin", BINARY, holder.get("one"));
        List<Value> many = ((ArrayValue) holder.get("many")).items();
        assertEquals(2, many.size());
        assertFile("empty.txt", new byte[0], many.get(0));
        assertFile("テキスト.txt", JAPANESE, many.get(1));
        DictionaryValue named = (DictionaryValue) holder.get("named");
        assertFile("k.pem", PEM, named.get("key"));
        assertFile("raw.bin", BINARY, named.get("raw"));
        Map<String, Value> attached = tree.get("/app/attached").orElseThrow().fields();
        assertFile("notes.txt", JAPANESE, attached.get("attached1"));
    }

    static void assertFile(String name, byte[] bytes, Value value) {
        FileValue file = (FileValue) value;
        assertEquals(name, file.name());
        assertArrayEquals(bytes, file.data().bytes(), name);
    }

    // ---- export

    @Test
    void aBundleHoldsTheDocumentFirstAndEveryAttachmentAtThePathTheDocumentGives() throws IOException {
        ObjectTree tree = seeded();
        Map<String, byte[]> entries = Archives.unzip(bundle(tree, "/app"));

        assertEquals(List.of("export.json", "app/holder/one.file", "app/holder/many_0.file", "app/holder/many_1.file",
                "app/holder/named_0.file", "app/holder/named_1.file", "app/attached/attached1.file"), List.copyOf(entries.keySet()));
        assertEquals(IoTrees.exportJson(tree, "/app"), new String(entries.get("export.json"), StandardCharsets.UTF_8),
                "the document is the plain JSON export");
        assertArrayEquals(BINARY, entries.get("app/holder/one.file"));
        assertArrayEquals(new byte[0], entries.get("app/holder/many_0.file"));
        assertArrayEquals(PEM, entries.get("app/holder/named_0.file"));
        JsonNode document = new ObjectMapper().readTree(entries.get("export.json"));
        assertEquals("{\"path\":\"app/holder/many_1.file\",\"name\":\"テキスト.txt\"}",
                document.get(2).get("fields").get("many").get(1).toString());
        assertEquals("{\"path\":\"\",\"name\":\"\"}", document.get(3).get("fields").get("attached2").toString(),
                "an empty File field names no attachment");
    }

    @Test
    void exportingABundleTwiceGivesTheSameBytes() throws IOException {
        ObjectTree tree = seeded();
        assertArrayEquals(bundle(tree, "/app"), bundle(tree, "/app"));
    }

    @Test
    void theExportBaseItselfNamesItsAttachmentsWithoutADotSegment() throws IOException {
        ObjectTree tree = seeded();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KompiraExport.exportBundle(tree, "/app/attached", out, ExportOptions.defaults().withBase("/app/attached"));
        assertEquals(List.of("export.json", "attached1.file"), List.copyOf(Archives.unzip(out.toByteArray()).keySet()));
    }

    @Test
    void aBundleWithoutAttachmentPathsHoldsTheDocumentAlone() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KompiraExport.exportBundle(seeded(), "/app", out, ExportOptions.defaults().withAttachments(ExportOptions.Attachments.OMITTED));
        assertEquals(List.of("export.json"), List.copyOf(Archives.unzip(out.toByteArray()).keySet()));
    }

    // ---- import: the round trips

    @Test
    void aZipBundleRoundTripsEveryFileByteForByte() throws IOException {
        ObjectTree first = seeded();
        Path zip = Files.write(dir.resolve("app.zip"), bundle(first, "/app"));

        ObjectTree second = IoTrees.frozen();
        ImportReport report = importFile(second, zip);

        assertEquals(4, report.created());
        assertEquals(List.of(), report.warnings());
        assertSeedFiles(second);
        assertEquals(IoTrees.exportJson(first, "/app"), IoTrees.exportJson(second, "/app"));
        assertArrayEquals(bundle(first, "/app"), bundle(second, "/app"), "export → import → export gives the same bundle");
    }

    @Test
    void aPlainJsonFileTakesItsAttachmentsFromItsFolder() throws IOException {
        Path folder = Archives.unpack(Archives.unzip(bundle(seeded(), "/app")), dir.resolve("unpacked"));

        ObjectTree tree = IoTrees.frozen();
        ImportReport report = importFile(tree, folder.resolve("export.json"));

        assertEquals(List.of(), report.warnings());
        assertSeedFiles(tree);
    }

    @Test
    void aFolderHoldingOneDocumentIsAnExport() throws IOException {
        Path folder = Archives.unpack(Archives.unzip(bundle(seeded(), "/app")), dir.resolve("unpacked"));
        Files.move(folder.resolve("export.json"), folder.resolve("kompira_export.dat"));

        ObjectTree tree = IoTrees.frozen();
        assertEquals(List.of(), importFile(tree, folder).warnings());
        assertSeedFiles(tree);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "ustar", "pax"})
    void aTarGzBundleRoundTripsEveryFile(String format) throws Exception {
        Path folder = Archives.unpack(Archives.unzip(bundle(seeded(), "/app")), dir.resolve("unpacked"));
        Archives.tar(folder, "--format=" + format, "-czf", dir.resolve("app.tar.gz").toString(), ".");

        ObjectTree tree = IoTrees.frozen();
        assertEquals(List.of(), importFile(tree, dir.resolve("app.tar.gz")).warnings());
        assertSeedFiles(tree);
    }

    @Test
    void theFormIsToldByTheContentNotTheName() throws IOException {
        Path misnamed = Files.write(dir.resolve("app.json"), bundle(seeded(), "/app"));
        ObjectTree tree = IoTrees.frozen();
        assertEquals(List.of(), importFile(tree, misnamed).warnings());
        assertSeedFiles(tree);
    }

    @Test
    void anAttachmentSourceOfTheEmbedderIsAskedForTheCheckedPaths() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(Archives.unzip(bundle(seeded(), "/app")));
        String json = new String(files.remove("export.json"), StandardCharsets.UTF_8).replace("app/holder/one.file", "./app//holder/one.file");
        List<String> asked = new java.util.ArrayList<>();
        AttachmentSource source = path -> {
            asked.add(path);
            return java.util.Optional.ofNullable(files.get(path));
        };
        ObjectTree tree = IoTrees.frozen();
        ImportReport report = KompiraExport.importJson(tree, new java.io.StringReader(json), source, "/", ImportOptions.defaults());

        assertEquals(List.of(), report.warnings());
        assertSeedFiles(tree);
        assertEquals("app/holder/one.file", asked.get(0), "the path is handed over in its normal form");
    }

    // ---- import: files that are missing or refused

    @Test
    void everyMissingFileIsAWarningAndImportedEmptyWithItsName() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(Archives.unzip(bundle(seeded(), "/app")));
        entries.remove("app/holder/one.file");
        entries.remove("app/holder/named_1.file");
        Path zip = Archives.zip(dir.resolve("partial.zip"), entries);

        ObjectTree tree = IoTrees.frozen();
        ImportReport report = importFile(tree, zip);

        assertEquals(List.of(
                "/app/holder: field 'one': the bytes of file 'blob.bin' (app/holder/one.file) are not available; it is imported empty",
                "/app/holder: field 'named': the bytes of file 'raw.bin' (app/holder/named_1.file) are not available; it is imported empty"),
                report.warnings());
        Map<String, Value> holder = tree.get("/app/holder").orElseThrow().fields();
        assertEquals(new FileValue("blob.bin", BinaryValue.EMPTY), holder.get("one"));
        assertFile("k.pem", PEM, ((DictionaryValue) holder.get("named")).get("key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "../../secret.txt", "app/../../secret.txt"})
    void aPathThatLeavesTheFolderIsNeverRead(String path) throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        Path folder = Files.createDirectories(dir.resolve("a/b"));
        Path json = Files.writeString(folder.resolve("export.json"), attachedFile(path.replace("\\", "\\\\")));

        ObjectTree tree = IoTrees.frozen();
        ImportReport report = importFile(tree, json);

        assertEquals(List.of("/f: field 'attached1': file 'stolen': its path '" + path + "' has a '..' segment and could lead "
                + "outside the export; refused, it is imported empty"), report.warnings());
        assertEquals(new FileValue("stolen", BinaryValue.EMPTY), tree.get("/f").orElseThrow().fields().get("attached1"));
    }

    @Test
    void anAbsolutePathIsNeverRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        Path json = Files.writeString(Files.createDirectories(dir.resolve("export")).resolve("export.json"),
                attachedFile(secret.toAbsolutePath().toString().replace("\\", "\\\\")));

        ObjectTree tree = IoTrees.frozen();
        ImportReport report = importFile(tree, json);

        assertTrue(report.warnings().get(0).contains("is absolute and could lead outside the export; refused"), report.warnings().toString());
        assertEquals(new FileValue("stolen", BinaryValue.EMPTY), tree.get("/f").orElseThrow().fields().get("attached1"));
    }

    @Test
    void aLinkOutOfTheFolderIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        Path folder = Files.createDirectories(dir.resolve("export"));
        Files.createSymbolicLink(folder.resolve("f.file"), secret);
        Path json = Files.writeString(folder.resolve("export.json"), attachedFile("f.file"));

        ObjectTree tree = IoTrees.frozen();
        ImportReport report = importFile(tree, json);

        assertEquals(List.of("/f: field 'attached1': file 'stolen': 'f.file' is a link that leads outside the folder "
                + folder.toAbsolutePath() + "; refused, it is imported empty"), report.warnings());
        assertEquals(new FileValue("stolen", BinaryValue.EMPTY), tree.get("/f").orElseThrow().fields().get("attached1"));
    }

    private static String attachedFile(String path) {
        return "[{\"objpath\": \"f\", \"typepath\": \"/system/types/AttachedFile\", \"fields\": "
                + "{\"attached1\": {\"path\": \"" + path + "\", \"name\": \"stolen\"}}}]";
    }

    // ---- bundles that are refused as a whole

    @ParameterizedTest
    @ValueSource(strings = {"../evil.file", "app/../../evil.file", "/etc/evil.file", "..\\evil.file", "C:/evil.file", "C:evil.file"})
    void aZipWithAnEntryThatCouldLeaveItIsRefusedAndNothingIsImported(String evil) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(Archives.unzip(bundle(seeded(), "/app")));
        entries.put(evil, BINARY);
        Path zip = Archives.zip(dir.resolve("evil.zip"), entries);
        ObjectTree tree = IoTrees.frozen();
        String before = IoTrees.exportJson(tree, "/");

        ImportException e = assertThrows(ImportException.class, () -> importFile(tree, zip));

        assertTrue(e.getMessage().startsWith(zip + ": entry '" + evil + "' "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" and would leave the bundle; the bundle is refused and nothing of it is imported"),
                e.getMessage());
        assertEquals(before, IoTrees.exportJson(tree, "/"), "the store is unchanged");
        assertTrue(tree.get("/app").isEmpty());
    }

    @Test
    void aTarGzWithAnEntryThatCouldLeaveItIsRefusedAndNothingIsImported() throws Exception {
        Path folder = Archives.unpack(Archives.unzip(bundle(seeded(), "/app")), dir.resolve("unpacked"));
        Archives.tar(folder, "-czPf", dir.resolve("evil.tar.gz").toString(), "--transform", "s,^app/holder/one.file,../../one.file,",
                "export.json", "app");
        ObjectTree tree = IoTrees.frozen();
        String before = IoTrees.exportJson(tree, "/");

        ImportException e = assertThrows(ImportException.class, () -> importFile(tree, dir.resolve("evil.tar.gz")));

        assertEquals(dir.resolve("evil.tar.gz") + ": entry '../../one.file' has a '..' segment and would leave the bundle; "
                + "the bundle is refused and nothing of it is imported", e.getMessage());
        assertEquals(before, IoTrees.exportJson(tree, "/"));
    }

    @Test
    void aTarGzWithALinkIsRefused() throws Exception {
        Path folder = Archives.unpack(Archives.unzip(bundle(seeded(), "/app")), dir.resolve("unpacked"));
        Files.createSymbolicLink(folder.resolve("app/link.file"), Files.writeString(dir.resolve("secret.txt"), "top secret"));
        Archives.tar(folder, "-czf", dir.resolve("link.tar.gz").toString(), ".");

        ImportException e = assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), dir.resolve("link.tar.gz")));

        assertTrue(e.getMessage().contains(": entry './app/link.file' is a symbolic link; a bundle holds only files and folders; "
                + "the bundle is refused"), e.getMessage());
    }

    @Test
    void anEntryTwiceIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(Archives.unzip(bundle(seeded(), "/app")));
        entries.put("./app/holder/one.file", PEM);
        Path zip = Archives.zip(dir.resolve("twice.zip"), entries);

        ImportException e = assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), zip));
        assertTrue(e.getMessage().contains("entry 'app/holder/one.file' appears twice"), e.getMessage());
    }

    @Test
    void aBundleWithoutADocumentIsAClearError() throws IOException {
        Path zip = Archives.zip(dir.resolve("none.zip"), Map.of("app/export.json", new byte[0], "notes.txt", new byte[0]));
        ImportException e = assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), zip));
        assertEquals(zip + ": no export document: a bundle holds one JSON file (export.json, or another *.json or *.dat) "
                + "at its top level, beside the folders of the attachments", e.getMessage());
    }

    @Test
    void aBundleWithSeveralDocumentsIsAClearError() throws IOException {
        Path zip = Archives.zip(dir.resolve("two.zip"), Map.of("b.json", "[]".getBytes(StandardCharsets.UTF_8),
                "a.DAT", "[]".getBytes(StandardCharsets.UTF_8), "._a.json", new byte[0]));
        ImportException e = assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), zip));
        assertEquals(zip + ": 2 export documents at the top level (a.DAT, b.json); a bundle holds exactly one", e.getMessage());
    }

    @Test
    void aFolderWithSeveralDocumentsIsAClearError() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("two"));
        Files.writeString(folder.resolve("a.json"), "[]");
        Files.writeString(folder.resolve("b.json"), "[]");
        ImportException e = assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), folder));
        assertEquals(folder + ": 2 export documents at the top level (a.json, b.json); a bundle holds exactly one", e.getMessage());
    }

    @Test
    void damagedArchivesAreClearErrors() throws IOException {
        byte[] zip = bundle(seeded(), "/app");
        Path cut = Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        assertTrue(assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), cut)).getMessage()
                .startsWith(cut + ": not a readable ZIP archive ("));

        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write("[]".getBytes(StandardCharsets.UTF_8));
        }
        Path notTar = Files.write(dir.resolve("export.json.gz"), gzip.toByteArray());
        assertEquals(notTar + ": not a readable tar.gz archive (too short to be a tar archive)",
                assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), notTar)).getMessage());
    }

    @Test
    void anInvalidDocumentInABundleIsNamed() throws IOException {
        Path zip = Archives.zip(dir.resolve("bad.zip"), Map.of("export.json", "[{".getBytes(StandardCharsets.UTF_8)));
        ImportException e = assertThrows(ImportException.class, () -> importFile(IoTrees.frozen(), zip));
        assertTrue(e.getMessage().startsWith("export.json: invalid JSON: "), e.getMessage());
    }

    @Test
    void anAttachmentThatCannotBeReadFailsTheWholeImport() {
        ObjectTree tree = IoTrees.frozen();
        AttachmentSource broken = path -> {
            throw new IOException("disk on fire");
        };
        ImportException e = assertThrows(ImportException.class, () -> KompiraExport.importJson(tree,
                new java.io.StringReader(attachedFile("f.file")), broken, "/", ImportOptions.defaults()));
        assertEquals("/f: field 'attached1': cannot read the bytes of file 'stolen' (f.file): disk on fire", e.getMessage());
        assertTrue(tree.get("/f").isEmpty(), "nothing of it is written");
    }
}
