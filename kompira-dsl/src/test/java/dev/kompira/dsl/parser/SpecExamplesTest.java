package dev.kompira.dsl.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.dsl.ast.AstEquivalence;
import dev.kompira.dsl.format.Formatter;
import dev.kompira.dsl.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every jobflow example of language.md, builtins.md and objects.md (copied into
 * {@code spec-examples/}, listings split into one file per line) parses without a syntax error and
 * survives formatting. Examples that are fragments may use variables they do not define, so the
 * static checks are not asserted here; the intentional errors of the spec are diagnostics golden cases.
 */
class SpecExamplesTest {

    @TestFactory
    Stream<DynamicTest> everySpecExampleParsesAndFormats() {
        return Golden.flows("spec-examples").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                file.toUri(), () -> check(file)));
    }

    private static void check(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        ParseResult parsed = JobflowParser.parse(file.getFileName().toString(), text);
        assertFalse(parsed.hasErrors(), parsed::renderDiagnostics);
        String formatted = Formatter.format(parsed);
        ParseResult again = JobflowParser.parse("formatted.kjf", formatted);
        assertTrue(AstEquivalence.equivalent(parsed.program(), again.program()), formatted);
        assertEquals(formatted, Formatter.format(again));
    }
}
