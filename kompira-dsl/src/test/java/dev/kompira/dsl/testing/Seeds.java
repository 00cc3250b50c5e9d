package dev.kompira.dsl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The flows that seed the fuzzers and property tests: the corpus and the syntax golden cases. */
public final class Seeds {

    private Seeds() {
    }

    /** Returns the text of every seed flow. */
    public static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (String folder : new String[] {"flows", "golden/syntax", "golden/format"}) {
            for (Path file : Golden.flows(folder)) {
                try {
                    texts.add(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return texts;
    }
}
