package dev.kompira.dsl.format;

import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.testing.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@code golden/format/NAME.kjf} formats to exactly {@code NAME.formatted}. */
class FormatterGoldenTest {

    @TestFactory
    Stream<DynamicTest> formatsToCanonicalForm() {
        return Golden.tests("golden/format", "formatted",
                input -> Formatter.format(JobflowParser.parse(input.name(), input.text())));
    }
}
