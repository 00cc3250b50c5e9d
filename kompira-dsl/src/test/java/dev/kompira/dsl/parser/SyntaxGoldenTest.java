package dev.kompira.dsl.parser;

import dev.kompira.dsl.testing.AstPrinter;
import dev.kompira.dsl.testing.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One golden case per grammar production and lexical rule: {@code golden/syntax/NAME.kjf} parses
 * to the tree outlined in {@code NAME.ast} (any diagnostic would be printed first and fail the case).
 */
class SyntaxGoldenTest {

    @TestFactory
    Stream<DynamicTest> parsesToExpectedTree() {
        return Golden.tests("golden/syntax", "ast", input -> {
            ParseResult result = JobflowParser.parse(input.name(), input.text());
            return result.renderDiagnostics() + AstPrinter.print(result.program());
        });
    }
}
