package dev.kompira.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.diag.ErrorCode;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark must measure what it claims: a valid 1 MB jobflow and a valid JSON document of the same size. */
class BenchmarkInputsTest {

    @Test
    void jobflowIsValidApartFromItsSize() {
        String text = BenchmarkInputs.jobflow(ParseBenchmark.SIZE);
        assertTrue(text.length() >= ParseBenchmark.SIZE && text.length() < ParseBenchmark.SIZE * 1.05);
        ParseResult result = JobflowParser.check("benchmark.kjf", text);
        List<ErrorCode> codes = result.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList());
        assertEquals(List.of(ErrorCode.E_SIZE), codes, () -> result.renderDiagnostics().lines().limit(20).collect(Collectors.joining("\n")));
    }

    @Test
    void smallJobflowIsValid() {
        ParseResult result = JobflowParser.check("small.kjf", BenchmarkInputs.jobflow(20_000));
        assertTrue(result.diagnostics().isEmpty(), result::renderDiagnostics);
    }

    @Test
    void jsonIsValidAndOfTheSameSize() throws Exception {
        String json = BenchmarkInputs.json(ParseBenchmark.SIZE);
        assertTrue(json.length() >= ParseBenchmark.SIZE && json.length() < ParseBenchmark.SIZE * 1.05);
        assertTrue(new ObjectMapper().readTree(json).size() > 1000);
    }
}
