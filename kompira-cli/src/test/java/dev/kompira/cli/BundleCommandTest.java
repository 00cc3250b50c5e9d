package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.Value;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kompira export --bundle} and {@code kompira import} / {@code run --import} of bundles,
 * folders and tar.gz archives, with Git stores and real archive files.
 */
class BundleCommandTest {

    /** Bytes that are not UTF-8, a NUL and both line ends. */
    private static final byte[] BINARY = {0, (byte) 0xff, (byte) 0xfe, (byte) 0x80, '\r', '\n', 'x'};
    private static final byte[] TEXT = "日本語\n".getBytes(StandardCharsets.UTF_8);

    /** A File, an Array&lt;File&gt; (with an empty file) and a Dictionary&lt;File&gt; field, and an AttachedFile. */
    private static final String SEED = "[\n"
            + "{\"objpath\": \"app\", \"typepath\": \"/system/types/Directory\"},\n"
            + "{\"objpath\": \"app/Holder\", \"typepath\": \"/system/types/TypeObject\", \"fields\": {"
            + "\"fieldNames\": [\"one\", \"many\", \"named\"], \"fieldDisplayNames\": [\"One\", \"Many\", \"Named\"], "
            + "\"fieldTypes\": [\"File\", \"Array<File>\", \"Dictionary<File>\"]}},\n"
            + "{\"objpath\": \"app/holder\", \"typepath\": \"app/Holder\", \"fields\": {"
            + "\"one\": " + rest("blob.bin", BINARY) + ", "
            + "\"many\": [" + rest("empty.txt", new byte[0]) + ", " + rest("日本.txt", TEXT) + "], "
            + "\"named\": {\"key\": " + rest("k.bin", BINARY) + "}}},\n"
            + "{\"objpath\": \"app/attached\", \"typepath\": \"/system/types/AttachedFile\", \"fields\": {"
            + "\"attached1\": " + rest("notes.txt", TEXT) + "}}\n"
            + "]";

    /** An AttachedFile whose File values name attachments beside the JSON. */
    private static final String BY_PATH = "[{\"objpath\": \"doc\", \"typepath\": \"/system/types/AttachedFile\", \"fields\": {"
            + "\"attached1\": {\"path\": \"doc/attached1.file\", \"name\": \"a.bin\"}, "
            + "\"attached2\": {\"path\": \"doc/attached2.file\", \"name\": \"gone.txt\"}, "
            + "\"attached3\": {\"path\": \"../secret.txt\", \"name\": \"stolen.txt\"}}}]";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String rest(String name, byte[] data) {
        return "{\"name\": \"" + name + "\", \"data\": \"" + Base64.getEncoder().encodeToString(data) + "\"}";
    }

    private int run(String... args) {
        return KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    /** A Git store holding the seed objects. */
    private Path seededStore() throws IOException {
        Path store = dir.resolve("seeded");
        Path seed = Files.writeString(dir.resolve("seed.json"), SEED);
        assertEquals(0, run("import", "--store", store.toString(), seed.toString()), err.toString());
        assertEquals("", err.toString());
        out.getBuffer().setLength(0);
        return store;
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(stream, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return file;
    }

    /** The fields of the object at {@code path} in the Git store {@code store}. */
    private static Map<String, Value> fields(Path store, String path) {
        try (GitStore git = GitStore.open(store, GitStoreOptions.defaults())) {
            return new ObjectTree(git, ZoneId.systemDefault()).get(path).orElseThrow().fields();
        }
    }

    private static void assertFile(String name, byte[] bytes, Value value) {
        FileValue file = (FileValue) value;
        assertEquals(name, file.name());
        assertArrayEquals(bytes, file.data().bytes(), name);
    }

    private static String head(Path store) throws IOException {
        try (Git git = Git.open(store.toFile())) {
            return git.getRepository().resolve("HEAD").name();
        }
    }

    @Test
    void aBundleExportedFromOneGitStoreImportsIntoAnotherByteForByte() throws IOException {
        Path bundle = dir.resolve("app.zip");
        assertEquals(0, run("export", "--store", seededStore().toString(), "--bundle", bundle.toString(), "/app"), err.toString());
        assertEquals("", out.toString(), "the bundle goes to the file, not to standard output");
        Map<String, byte[]> entries = unzip(bundle);
        assertEquals(List.of("export.json", "app/holder/one.file", "app/holder/many_0.file", "app/holder/many_1.file",
                "app/holder/named_0.file", "app/attached/attached1.file"), List.copyOf(entries.keySet()));
        assertArrayEquals(BINARY, entries.get("app/holder/one.file"));

        Path copy = dir.resolve("copy");
        assertEquals(0, run("import", "--store", copy.toString(), bundle.toString()), err.toString());
        assertEquals(bundle + ": 4 created, 0 updated, 0 skipped\n", out.toString());
        assertEquals("", err.toString(), "no warnings: every file was in the bundle");

        Map<String, Value> holder = fields(copy, "/app/holder");
        assertFile("blob.bin", BINARY, holder.get("one"));
        List<Value> many = ((ArrayValue) holder.get("many")).items();
        assertFile("empty.txt", new byte[0], many.get(0));
        assertFile("日本.txt", TEXT, many.get(1));
        assertFile("k.bin", BINARY, ((DictionaryValue) holder.get("named")).get("key"));
        assertFile("notes.txt", TEXT, fields(copy, "/app/attached").get("attached1"));

        Path again = dir.resolve("again.zip");
        assertEquals(0, run("export", "--store", copy.toString(), "--bundle", again.toString(), "/app"), err.toString());
        assertArrayEquals(Files.readAllBytes(bundle), Files.readAllBytes(again), "export → import → export gives the same bundle");
    }

    @Test
    void aJsonFileTakesItsAttachmentsFromItsFolderAndWarnsOncePerMissingOrRefusedFile() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        Path folder = Files.createDirectories(dir.resolve("export/doc")).getParent();
        Files.write(folder.resolve("doc/attached1.file"), BINARY);
        Path json = Files.writeString(folder.resolve("export.json"), BY_PATH);
        Path store = dir.resolve("store");

        assertEquals(0, run("import", "--store", store.toString(), json.toString()), err.toString());

        assertEquals("kompira: " + json + ": warning: /doc: field 'attached2': the bytes of file 'gone.txt' (doc/attached2.file) "
                + "are not available; it is imported empty\n"
                + "kompira: " + json + ": warning: /doc: field 'attached3': file 'stolen.txt': its path '../secret.txt' has a "
                + "'..' segment and could lead outside the export; refused, it is imported empty\n", err.toString());
        Map<String, Value> doc = fields(store, "/doc");
        assertFile("a.bin", BINARY, doc.get("attached1"));
        assertFile("gone.txt", new byte[0], doc.get("attached2"));
        assertFile("stolen.txt", new byte[0], doc.get("attached3"));
    }

    @Test
    void aTarGzBundleImportsIntoAGitStore() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("export/doc")).getParent();
        Files.write(folder.resolve("doc/attached1.file"), BINARY);
        Files.write(folder.resolve("doc/attached2.file"), TEXT);
        Files.writeString(folder.resolve("export.json"), BY_PATH.replace("../secret.txt", "doc/attached1.file"));
        Path tarGz = dir.resolve("export.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", tarGz.toString(), "-C", folder.toString(), ".").redirectErrorStream(true).start();
        assertTrue(tar.waitFor(30, TimeUnit.SECONDS) && tar.exitValue() == 0, new String(tar.getInputStream().readAllBytes()));
        Path store = dir.resolve("store");

        assertEquals(0, run("import", "--store", store.toString(), tarGz.toString()), err.toString());

        assertEquals("", err.toString());
        Map<String, Value> doc = fields(store, "/doc");
        assertFile("a.bin", BINARY, doc.get("attached1"));
        assertFile("gone.txt", TEXT, doc.get("attached2"));
        assertFile("stolen.txt", BINARY, doc.get("attached3"));
    }

    @Test
    void aZipWithAnEntryLeavingItIsRefusedAndTheStoreKeepsItsCommit() throws IOException {
        Path store = seededStore();
        String before = head(store);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("export.json", BY_PATH.getBytes(StandardCharsets.UTF_8));
        entries.put("doc/attached1.file", BINARY);
        entries.put("../../evil.file", BINARY);
        Path evil = zip(dir.resolve("evil.zip"), entries);

        assertEquals(1, run("import", "--store", store.toString(), evil.toString()));

        assertEquals("kompira: cannot import " + evil + " (nothing of it was written):\n" + evil + ": entry '../../evil.file' "
                + "has a '..' segment and would leave the bundle; the bundle is refused and nothing of it is imported\n", err.toString());
        assertEquals(before, head(store), "no commit");
        try (GitStore git = GitStore.open(store, GitStoreOptions.defaults())) {
            assertTrue(new ObjectTree(git, ZoneId.systemDefault()).get("/doc").isEmpty());
        }
    }

    @Test
    void aBundleWithoutAnExportDocumentIsAClearError() throws IOException {
        Path empty = zip(dir.resolve("empty.zip"), Map.of("doc/attached1.file", BINARY));
        assertEquals(1, run("import", "--store", dir.resolve("store").toString(), empty.toString()));
        assertTrue(err.toString().contains(empty + ": no export document: a bundle holds one JSON file (export.json, or another "
                + "*.json or *.dat) at its top level"), err.toString());
    }

    @Test
    void runImportsABundleAndItsFlowsSeeTheFiles() throws IOException {
        Path bundle = dir.resolve("app.zip");
        assertEquals(0, run("export", "--store", seededStore().toString(), "--bundle", bundle.toString(), "/app"), err.toString());
        Path flow = Files.writeString(dir.resolve("flow.json"), "[{\"objpath\": \"show\", \"typepath\": \"/system/types/Jobflow\", "
                + "\"fields\": {\"source\": \"print(/app/attached.attached1.name, /app/holder.one.size)\"}}]");

        assertEquals(0, run("run", "--import", bundle.toString(), "--import", flow.toString(), "/show"), err.toString());

        assertEquals("notes.txt " + BINARY.length + "\n", out.toString());
    }

    @Test
    void missingExportsAndObjectsAreUserErrors() throws IOException {
        Path store = seededStore();
        assertEquals(KompiraCommand.EXIT_TROUBLE, run("import", "--store", store.toString(), dir.resolve("nope.zip").toString()));
        assertTrue(err.toString().contains("kompira: no such file or folder: " + dir.resolve("nope.zip")), err.toString());

        Path bundle = dir.resolve("nope-out.zip");
        assertEquals(KompiraCommand.EXIT_TROUBLE, run("export", "--store", store.toString(), "--bundle", bundle.toString(), "/nope"));
        assertTrue(err.toString().contains("kompira: cannot export /nope: no such object"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
        assertFalse(Files.exists(bundle));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void theHelpTextsSayWhatAnExportMayBe() {
        assertEquals(0, run("export", "--help"));
        assertTrue(out.toString().contains("--bundle=FILE.zip"), out.toString());
        assertEquals(0, run("import", "--help"));
        assertTrue(out.toString().contains(".zip or .tar.gz bundle"), out.toString());
    }
}
