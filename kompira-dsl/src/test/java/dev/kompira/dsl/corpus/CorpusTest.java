package dev.kompira.dsl.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.dsl.ast.AstEquivalence;
import dev.kompira.dsl.format.Formatter;
import dev.kompira.dsl.lexer.Comment;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import dev.kompira.dsl.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of realistic flows ({@code src/test/resources/flows/}, see its README): each passes
 * every static check, formats to a tree equal to its own, keeps every comment, and its canonical
 * form is a fixed point of the formatter.
 */
class CorpusTest {

    private static final String FOLDER = "flows";

    @Test
    void theCorpusIsLargeEnoughToMatter() {
        assertTrue(Golden.flows(FOLDER).size() >= 60, "the corpus must hold at least 60 flows");
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFlowChecksAndFormats() {
        return Golden.flows(FOLDER).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                file.toUri(), () -> check(file)));
    }

    private static void check(Path file) throws Exception {
        String name = file.getFileName().toString();
        ParseResult checked = JobflowParser.check(name, Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(checked.diagnostics().isEmpty(), checked::renderDiagnostics);

        String formatted = Formatter.format(checked);
        ParseResult again = JobflowParser.parse(name, formatted);
        assertTrue(AstEquivalence.equivalent(checked.program(), again.program()), formatted);
        assertEquals(sortedTexts(checked.comments()), sortedTexts(again.comments()), "comments of " + name);
        assertEquals(formatted, Formatter.format(again), "formatting " + name + " twice");
    }

    private static List<String> sortedTexts(List<Comment> comments) {
        return comments.stream().map(Comment::text).sorted().toList();
    }
}
