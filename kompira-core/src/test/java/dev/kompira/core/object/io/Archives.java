package dev.kompira.core.object.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Real archives for the bundle tests: ZIP files written entry by entry, tar files made by GNU tar. */
final class Archives {

    private Archives() {
    }

    /** Writes a ZIP file holding {@code entries} (name → bytes) in order, names exactly as given. */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return file;
    }

    /** Reads every entry of a ZIP archive, name → bytes, in archive order. */
    static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Writes {@code entries} as files below {@code folder} (created as needed). */
    static Path unpack(Map<String, byte[]> entries, Path folder) throws IOException {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Path file = folder.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        return folder;
    }

    /**
     * Runs GNU tar (skipping the test where there is none) in {@code folder}; {@code arguments}
     * follow {@code tar}.
     */
    static void tar(Path folder, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(arguments));
        Process tar;
        try {
            tar = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        } catch (IOException noTar) {
            assumeTrue(false, "no tar command: " + noTar.getMessage());
            return;
        }
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tar.waitFor(30, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new IOException(command + " failed: " + output);
        }
    }
}
