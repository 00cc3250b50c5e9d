package dev.kompira.dsl.parser;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kompira.dsl.testing.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One golden case per diagnostic: {@code golden/diagnostics/NAME.kjf} is compiled (parse and every
 * static check) and its rendered diagnostics must equal {@code NAME.expected}.
 */
class DiagnosticsGoldenTest {

    @TestFactory
    Stream<DynamicTest> reportsExpectedDiagnostics() {
        return Golden.tests("golden/diagnostics", "expected", input -> {
            ParseResult result = JobflowParser.check(input.name(), input.text());
            assertFalse(result.diagnostics().isEmpty(), input.name() + " is a diagnostics case but compiles cleanly");
            return result.renderDiagnostics();
        });
    }
}
