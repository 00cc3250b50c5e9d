package dev.kompira.core.object.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tar reader against archives GNU tar makes in every format it writes, and against damaged ones. */
class TarReaderTest {

    /** A name of 130 characters (beyond the 100 of a ustar name field) and a non-ASCII one beyond 255 bytes. */
    private static final String LONG = "d".repeat(60) + "/" + "f".repeat(60) + ".file";
    private static final String LONGER = "日本語".repeat(10) + "/" + "日本語".repeat(10) + "/" + "x".repeat(120) + ".file";

    @TempDir
    Path dir;

    private Path folder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in"));
        Files.write(folder.resolve("export.json"), "[]\n".getBytes(StandardCharsets.UTF_8));
        Files.write(folder.resolve("empty.file"), new byte[0]);
        Files.write(Files.createDirectories(folder.resolve(LONG).getParent()).resolve(Path.of(LONG).getFileName()),
                ExportBundleTest.BINARY);
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(folder.resolve("big.file"), big);
        return folder;
    }

    private static List<TarReader.Entry> read(byte[] tar) throws IOException {
        List<TarReader.Entry> entries = new ArrayList<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
            entries.add(e);
        }
        return entries;
    }

    private static TarReader.Entry named(List<TarReader.Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in " + entries.stream().map(TarReader.Entry::name).toList()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "oldgnu", "ustar", "pax"})
    void readsEveryFileAndFolderOfAnArchiveGnuTarMakes(String format) throws Exception {
        Path folder = folder();
        Path tar = dir.resolve("a.tar");
        Archives.tar(folder, "--format=" + format, "-cf", tar.toString(), "export.json", "empty.file", "big.file", "d" + "d".repeat(59));

        List<TarReader.Entry> entries = read(Files.readAllBytes(tar));

        assertArrayEquals("[]\n".getBytes(StandardCharsets.UTF_8), named(entries, "export.json").data());
        assertArrayEquals(new byte[0], named(entries, "empty.file").data());
        assertArrayEquals(Files.readAllBytes(folder.resolve("big.file")), named(entries, "big.file").data());
        TarReader.Entry longName = named(entries, LONG);
        assertTrue(longName.isFile());
        assertArrayEquals(ExportBundleTest.BINARY, longName.data());
        assertTrue(named(entries, "d".repeat(60) + "/").isDirectory());
        assertEquals(5, entries.size());
    }

    @Test
    void readsPrePosixArchives() throws Exception {
        Path tar = dir.resolve("a.tar");
        Archives.tar(folder(), "--format=v7", "-cf", tar.toString(), "export.json", "empty.file");

        List<TarReader.Entry> entries = read(Files.readAllBytes(tar));
        assertEquals(List.of("export.json", "empty.file"), entries.stream().map(TarReader.Entry::name).toList());
        assertTrue(entries.get(1).isFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax"})
    void readsLongNonAsciiNamesAsUtf8(String format) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("in").resolve(LONGER).getParent());
        assertTrue(LONGER.getBytes(StandardCharsets.UTF_8).length > 255);
        Files.write(folder.resolve(Path.of(LONGER).getFileName()), ExportBundleTest.JAPANESE);
        Path tar = dir.resolve("a.tar");
        Archives.tar(dir.resolve("in"), "--format=" + format, "-cf", tar.toString(), LONGER);

        assertArrayEquals(ExportBundleTest.JAPANESE, named(read(Files.readAllBytes(tar)), LONGER).data());
    }

    @Test
    void reportsLinksWithTheirKind() throws Exception {
        Path folder = folder();
        Files.createSymbolicLink(folder.resolve("soft"), folder.resolve("export.json"));
        Files.createLink(folder.resolve("hard"), folder.resolve("big.file"));
        Path tar = dir.resolve("a.tar");
        Archives.tar(folder, "-cf", tar.toString(), "soft", "big.file", "hard");

        List<TarReader.Entry> entries = read(Files.readAllBytes(tar));
        assertEquals("symbolic link", named(entries, "soft").kind());
        assertEquals("hard link", named(entries, "hard").kind());
    }

    @Test
    void aDamagedHeaderIsNotATarArchive() throws Exception {
        byte[] tar = gnuTar();
        tar[0] ^= 1;
        TarReader.TarFormatException e = assertThrows(TarReader.TarFormatException.class, () -> read(tar));
        assertEquals("entry 1: the header checksum does not match (not a tar archive?)", e.getMessage());
        assertThrows(TarReader.TarFormatException.class, () -> read("{\"not\": \"tar\"}".repeat(50).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anArchiveCutShortIsRefused() throws Exception {
        byte[] tar = gnuTar();
        assertEquals("the archive ends inside entry 2",
                assertThrows(TarReader.TarFormatException.class, () -> read(Arrays.copyOf(tar, 512 + 512 + 512 + 100))).getMessage());
        assertEquals("the archive ends inside the header of entry 2",
                assertThrows(TarReader.TarFormatException.class, () -> read(Arrays.copyOf(tar, 512 + 512 + 100))).getMessage());
    }

    @Test
    void theEndOfTheDataAtABlockBoundaryEndsTheArchive() throws Exception {
        byte[] tar = gnuTar();
        assertEquals(1, read(Arrays.copyOf(tar, 512 + 512)).size(), "one header and its data block, no end blocks");
    }

    /** {@code export.json} ("[]\n", one data block) and {@code big.file} (70 000 bytes), as GNU tar writes them. */
    private byte[] gnuTar() throws Exception {
        Path folder = folder();
        Path tar = dir.resolve("a.tar");
        Archives.tar(folder, "--format=gnu", "-cf", tar.toString(), "export.json", "big.file");
        return Files.readAllBytes(tar);
    }
}
