package dev.kompira.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds, reads and writes {@code .kjf} jobflow files. */
final class FlowFiles {

    /** The extension of jobflow source files. */
    static final String EXTENSION = ".kjf";

    private FlowFiles() {
    }

    /**
     * Expands the given paths: a file is taken as it is, a folder gives every {@code .kjf} file under
     * it, in path order.
     */
    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(flowsUnder(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new UserError("no such file or folder: " + path);
            }
        }
        return files;
    }

    private static List<Path> flowsUnder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXTENSION))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UserError("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file as UTF-8, refusing malformed input rather than replacing it. */
    static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UserError(file + ": not valid UTF-8 text");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces a file's content: writes a temporary file beside it and moves it over the original,
     * so that a failure never leaves a half-written flow.
     */
    static void replace(Path file, String text) {
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
