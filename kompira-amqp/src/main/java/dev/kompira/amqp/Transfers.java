package dev.kompira.amqp;

import dev.kompira.core.transport.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a {@code put} or {@code get} at a job manager (J223): read into messages on one side,
 * written out on the other, at most {@link #LIMIT} bytes together. Stateless and thread-safe.
 */
final class Transfers {

    /** The most bytes one {@code put} or {@code get} carries through the broker, as {@code urlopen} reads at most (J150). */
    static final long LIMIT = 16L * 1024 * 1024;

    private Transfers() {
    }

    /** Thrown when the files are larger than {@link #LIMIT}. */
    static final class TooLarge extends IOException {
        TooLarge(String job) {
            super(job + ": the files are larger than the 16 MiB a put or get carries through a job manager");
        }
    }

    /**
     * Reads the files {@code pattern} names under {@code base} (directories with everything in them),
     * each path starting with the name of the file or directory the pattern matched; empty when
     * nothing matches.
     */
    static List<FileMessage> read(String job, Path base, String pattern) throws IOException {
        List<FileMessage> files = new ArrayList<>();
        long[] total = {0};
        for (Path top : LocalFiles.expand(base, pattern)) {
            readTree(job, top, top.getFileName() == null ? "root" : top.getFileName().toString(), files, total);
        }
        return files;
    }

    private static void readTree(String job, Path source, String path, List<FileMessage> files, long[] total) throws IOException {
        if (Files.isDirectory(source)) {
            List<Path> entries;
            try (Stream<Path> list = Files.list(source)) {
                entries = list.sorted().toList();
            }
            for (Path entry : entries) {
                readTree(job, entry, path + "/" + entry.getFileName(), files, total);
            }
            return;
        }
        total[0] += Files.size(source);
        if (total[0] > LIMIT) {
            throw new TooLarge(job);
        }
        files.add(new FileMessage(path, Files.isExecutable(source), Files.readAllBytes(source)));
    }

    /** The names of the copied files and directories, in order: the first elements of the paths. */
    static List<String> tops(List<FileMessage> files) {
        Set<String> tops = new LinkedHashSet<>();
        files.forEach(f -> tops.add(first(f.path())));
        return List.copyOf(tops);
    }

    /** Writes {@code files} under {@code folder}, refusing paths that would leave it. */
    static void write(Path folder, List<FileMessage> files) throws IOException {
        for (FileMessage f : files) {
            Path target = inside(folder, f.path());
            Files.createDirectories(target.getParent());
            writeFile(target, f);
        }
    }

    /**
     * Places the files of a {@code get} at {@code destination} as the engine host's own copy would
     * (D120): into it when it is a directory, is written with a final {@code /}, or several files or
     * directories came; else the one file or directory becomes {@code destination}. Returns the paths written.
     */
    static List<String> place(List<FileMessage> files, Path destination, boolean asDirectory) throws IOException {
        boolean into = asDirectory || Files.isDirectory(destination) || tops(files).size() > 1;
        List<String> written = new ArrayList<>();
        for (FileMessage f : files) {
            String path = f.path();
            String rest = path.contains("/") ? path.substring(path.indexOf('/') + 1) : "";
            Path target = into ? inside(destination, path) : rest.isEmpty() ? destination : inside(destination, rest);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            writeFile(target, f);
            written.add(target.toString());
        }
        return written;
    }

    private static void writeFile(Path target, FileMessage f) throws IOException {
        Files.write(target, f.content());
        if (f.executable()) {
            Set<PosixFilePermission> mode = new java.util.HashSet<>(Files.getPosixFilePermissions(target));
            mode.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(target, mode);
        }
    }

    /** Reads back the files a {@code get} wrote under {@code folder}, in the order written. */
    static List<FileMessage> collect(String job, Path folder, List<String> written) throws IOException {
        List<FileMessage> files = new ArrayList<>();
        long total = 0;
        for (String w : written) {
            Path file = Path.of(w);
            total += Files.size(file);
            if (total > LIMIT) {
                throw new TooLarge(job);
            }
            files.add(new FileMessage(folder.relativize(file).toString(), Files.isExecutable(file), Files.readAllBytes(file)));
        }
        return files;
    }

    /** Deletes {@code folder} and everything in it. */
    static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind; nothing to do about it
        }
    }

    private static Path inside(Path folder, String relative) throws IOException {
        Path target = folder.resolve(relative).normalize();
        if (relative.startsWith("/") || !target.startsWith(folder.normalize())) {
            throw new IOException("a file path outside the copy: " + relative);
        }
        return target;
    }

    private static String first(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
