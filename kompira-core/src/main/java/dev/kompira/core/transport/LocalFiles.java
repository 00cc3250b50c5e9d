package dev.kompira.core.transport;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The engine host's side of {@code put} and {@code get} (builtins.md §3, D119, D120): expanding a
 * path with wildcards, and copying files and directories (recursively) to a file or into a
 * directory. Stateless and thread-safe.
 */
public final class LocalFiles {

    private LocalFiles() {
    }

    /**
     * Returns the files and directories {@code pattern} names, relative paths taken from {@code base},
     * in name order per wildcard; empty when nothing matches.
     */
    public static List<Path> expand(Path base, String pattern) throws IOException {
        List<Path> current = List.of(base);
        for (String element : PathPatterns.elements(pattern)) {
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (element.equals("/")) {
                    next.add(Path.of("/"));
                } else if (PathPatterns.hasWildcards(element)) {
                    next.addAll(children(dir, PathPatterns.matcher(element)));
                } else if (Files.exists(dir.resolve(element), LinkOption.NOFOLLOW_LINKS)) {
                    next.add(dir.resolve(element));
                }
            }
            current = next;
        }
        return current.equals(List.of(base)) && !Files.exists(base) ? List.of() : current;
    }

    private static List<Path> children(Path dir, Predicate<String> matches) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> matches.test(p.getFileName().toString())).sorted().toList();
        }
    }

    /**
     * Carries out {@code request} on the engine host itself, as {@code put} and {@code get} do for a
     * local target (D119): target paths start from {@code __dir__} as a local command's directory
     * does ({@link WorkingDirectory}), engine paths from the engine's working directory.
     */
    public static TransferResult transferLocally(TransferRequest request) {
        if (request.sudo()) {
            return new TransferResult.Failed(request.job() + ": __sudo__ is not supported when copying on the engine host");
        }
        Path engine = Path.of("").toAbsolutePath();
        boolean put = request.direction() == TransferRequest.Direction.PUT;
        try {
            Path target = WorkingDirectory.of(request.directory());
            List<Path> sources = expand(put ? engine : target, request.source());
            if (sources.isEmpty()) {
                return new TransferResult.Failed(request.job() + ": no such file: " + request.source());
            }
            Path destination = (put ? target : engine).resolve(request.destination());
            return new TransferResult.Done(copy(sources, destination, request.destination().endsWith("/")));
        } catch (IOException | RuntimeException e) {
            return new TransferResult.Failed(request.job() + ": " + e.getMessage());
        }
    }

    /**
     * Copies {@code sources} to {@code destination}: into it when it is an existing directory, was
     * written with a final {@code /} ({@code asDirectory}), or there are several sources (it is then
     * created), else to it. Returns every file written, in order; files written before a failure stay.
     */
    private static List<String> copy(List<Path> sources, Path destination, boolean asDirectory) throws IOException {
        boolean into = asDirectory || Files.isDirectory(destination) || sources.size() > 1;
        if (into) {
            Files.createDirectories(destination);
        }
        List<String> written = new ArrayList<>();
        for (Path source : sources) {
            Path target = into ? destination.resolve(source.getFileName().toString()) : destination;
            copyTree(source, target, written);
        }
        return written;
    }

    private static void copyTree(Path source, Path target, List<String> written) throws IOException {
        if (Files.isDirectory(source)) {
            Files.createDirectories(target);
            List<Path> entries;
            try (Stream<Path> list = Files.list(source)) {
                entries = list.sorted().toList();
            }
            for (Path entry : entries) {
                copyTree(entry, target.resolve(entry.getFileName().toString()), written);
            }
        } else {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            written.add(target.toString());
        }
    }

    /**
     * Moves {@code from} over {@code to} in one step where the file system can (readers see the old
     * file or the new one, never a part), else with a plain replacing move.
     */
    public static void moveOver(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
