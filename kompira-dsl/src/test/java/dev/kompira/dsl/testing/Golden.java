package dev.kompira.dsl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden-file tests: each {@code NAME.kjf} in a folder of test resources sits beside
 * {@code NAME.<extension>}, the expected output of some function of the flow. Adding a case is adding
 * two files. Run with {@code -Dgolden.update=true} to (re)write the expected files from the
 * current output, then review the diff.
 */
public final class Golden {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {
    }

    /** Returns one test per {@code .kjf} file in {@code folder}, comparing {@code render} of it with the expected file. */
    public static Stream<DynamicTest> tests(String folder, String extension, Function<Input, String> render) {
        List<Path> flows = flows(folder);
        assertTrue(!flows.isEmpty(), "no golden cases under " + folder);
        return flows.stream().map(flow -> DynamicTest.dynamicTest(flow.getFileName().toString(), flow.toUri(),
                () -> check(flow, extension, render)));
    }

    /** Returns the {@code .kjf} files of a test-resource folder (searched recursively), sorted. */
    public static List<Path> flows(String folder) {
        try (Stream<Path> walk = Files.walk(resource(folder))) {
            return walk.filter(p -> p.toString().endsWith(".kjf")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Path flow, String extension, Function<Input, String> render) throws IOException {
        String name = flow.getFileName().toString();
        Path expectedFile = flow.resolveSibling(name.substring(0, name.length() - ".kjf".length()) + "." + extension);
        String actual = render.apply(new Input(name, Files.readString(flow, StandardCharsets.UTF_8)));
        if (UPDATE) {
            Files.writeString(sourceTreeFile(expectedFile), actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile + " (run with -Dgolden.update=true to create it)");
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, "output for " + name);
    }

    // In update mode write into src/test/resources, not into the copy under target/test-classes.
    private static Path sourceTreeFile(Path compiled) {
        String text = compiled.toString().replace("/target/test-classes/", "/src/test/resources/");
        return Paths.get(text);
    }

    /** Returns the path of a test resource. */
    public static Path resource(String name) {
        try {
            return Paths.get(Golden.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /**
     * A golden case's input.
     *
     * @param name the file name, used as the source name in diagnostics
     * @param text the flow's text
     */
    public record Input(String name, String text) {
    }
}
