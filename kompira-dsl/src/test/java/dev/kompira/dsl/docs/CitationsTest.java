package dev.kompira.dsl.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every citation of the reference documents in the repository — code, test flows, messages and docs
 * — points at a section that exists in {@code docs/} (the rules are in docs/ARCHITECTURE.md §11): a
 * section cited with its document ({@code objects.md §4.6}, {@code builtins.md §3},
 * {@code ARCHITECTURE.md §3}, {@code L§8.6} for the language) must be a numbered heading of that
 * document; a bare section number cites the document last cited before it in the same file
 * ({@code language.md} when none: after {@code language.md §9.7}, {@code §11.3} is language.md's),
 * and inside {@code docs/X.md} the document itself; a decision number such as {@code D138} must be
 * marked {@code **D138.**} in the reference.
 */
class CitationsTest {

    private static final List<String> DOCUMENTS = List.of("language.md", "builtins.md", "objects.md", "ARCHITECTURE.md");
    private static final Pattern CITATION = Pattern.compile(
            "(?:(language|builtins|objects|ARCHITECTURE)\\.md\\s*)?(L)?§\\s?(\\d+(?:\\.\\d+)*)");
    private static final Pattern DECISION = Pattern.compile("(?<![\\w/.+\\\\-])D(\\d{1,3})\\b");
    private static final Pattern OTHER_STANDARD = Pattern.compile("RFC \\d+ $");
    private static final Pattern HEADING = Pattern.compile("#+\\s+(?:Appendix\\s+)?([0-9A-Z]+(?:\\.[0-9]+)*)\\.?\\s");
    private static final Pattern DECISION_MARKER = Pattern.compile("\\*\\*D(\\d+)\\.\\*\\*");
    private static final Set<String> SCANNED = Set.of(".java", ".md", ".kjf", ".out", ".expected", ".py");

    @Test
    void everyCitationPointsAtASectionOrDecisionOfTheDocs() throws IOException {
        Path root = repositoryRoot();
        Map<String, Set<String>> sections = new HashMap<>();
        Set<String> decisions = new HashSet<>();
        for (String document : DOCUMENTS) {
            String text = Files.readString(root.resolve("docs").resolve(document), StandardCharsets.UTF_8);
            sections.put(document, headings(text));
            DECISION_MARKER.matcher(text).results().forEach(m -> decisions.add(m.group(1)));
        }
        assertTrue(sections.get("language.md").contains("14.3"), "the reference must have numbered sections");
        List<String> broken = new ArrayList<>();
        int[] checked = {0};
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(CitationsTest::scanned).forEach(file -> {
                String relative = root.relativize(file).toString().replace('\\', '/');
                checked[0] += check(relative, read(file), sections, decisions, broken);
            });
        }
        assertTrue(checked[0] > 500, "only " + checked[0] + " citations found; is the repository root right?");
        assertEquals(List.of(), broken, broken.size() + " citations point nowhere");
    }

    /** Checks the citations of one file; returns how many there were. */
    private static int check(String file, String text, Map<String, Set<String>> sections, Set<String> decisions,
            List<String> broken) {
        String own = file.startsWith("docs/") && DOCUMENTS.contains(file.substring(5)) ? file.substring(5) : null;
        String last = "language.md";
        int count = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = CITATION.matcher(line);
            while (m.find()) {
                if (OTHER_STANDARD.matcher(line.substring(0, m.start())).find()) {
                    continue;
                }
                String document = m.group(1) != null ? m.group(1) + ".md" : m.group(2) != null ? "language.md" : null;
                if (document == null) {
                    document = own != null ? own : last;
                } else if (!document.equals("ARCHITECTURE.md")) {
                    last = document;
                }
                count++;
                if (!sections.get(document).contains(m.group(3))) {
                    broken.add(file + ":" + (i + 1) + ": " + document + " has no section " + m.group(3));
                }
            }
            Matcher d = DECISION.matcher(line);
            while (d.find()) {
                count++;
                if (!decisions.contains(d.group(1))) {
                    broken.add(file + ":" + (i + 1) + ": no decision D" + d.group(1) + " is marked in docs/");
                }
            }
        }
        return count;
    }

    private static Set<String> headings(String markdown) {
        Set<String> numbers = new HashSet<>();
        boolean code = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher m = HEADING.matcher(line);
                if (m.lookingAt()) {
                    numbers.add(m.group(1));
                }
            }
        }
        return numbers;
    }

    private static boolean scanned(Path file) {
        String path = file.toString().replace('\\', '/');
        if (path.contains("/target/") || path.contains("/.git/")) {
            return false;
        }
        String name = file.getFileName().toString();
        return SCANNED.stream().anyMatch(name::endsWith);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The folder holding {@code docs/} and the parent POM: the module's parent when tests run in a module. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("docs/language.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/language.md above " + Path.of("").toAbsolutePath());
    }
}
