package dev.kompira.dsl.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.diag.ErrorCode;
import dev.kompira.dsl.format.Formatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits of language.md §13 and the parser's behaviour at and beyond them. */
class ParserLimitsTest {

    private static List<ErrorCode> codes(ParseResult result) {
        return result.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList());
    }

    /** Runs {@code task} on a thread with a small stack, so that recursion depth is really bounded. */
    private static <T> T onSmallStack(java.util.function.Supplier<T> task) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(task.get());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 1024 * 1024);
        thread.start();
        thread.join();
        if (result.get() instanceof Throwable) {
            throw new AssertionError("failed on a 1 MiB stack", (Throwable) result.get());
        }
        @SuppressWarnings("unchecked")
        T value = (T) result.get();
        return value;
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "[", "{", "-", "not (", "f(", "a[", "x.y("})
    void tenThousandNestedLevelsGiveOneNestingError(String opener) throws InterruptedException {
        String closer = opener.endsWith("(") ? ")" : opener.endsWith("[") ? "]" : opener.equals("{") ? "}" : "";
        String text = "[x = " + opener.repeat(10_000) + "1" + closer.repeat(10_000) + "]";
        ParseResult result = onSmallStack(() -> JobflowParser.check("deep.kjf", text));
        assertEquals(1, codes(result).stream().filter(c -> c == ErrorCode.E_NESTING).count(), result.renderDiagnostics());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.message().equals("nesting too deep (the limit is 256)")));
    }

    @Test
    void tenThousandNestedBlocksGiveOneNestingError() throws InterruptedException {
        String text = "{ ".repeat(10_000) + "print(1)" + " }".repeat(10_000) + " -> print(2)";
        ParseResult result = onSmallStack(() -> JobflowParser.check("deep.kjf", text));
        assertEquals(List.of(ErrorCode.E_NESTING), codes(result));
    }

    @Test
    void nestingUpToTheLimitParsesFormatsAndChecksOnASmallStack() throws InterruptedException {
        String text = "[x = " + "(".repeat(250) + "1" + ")".repeat(250) + "] -> " + "{ ".repeat(120) + "print(x)" + " }".repeat(120);
        ParseResult result = onSmallStack(() -> JobflowParser.check("deep.kjf", text));
        assertFalse(result.hasErrors(), result.renderDiagnostics());
        String formatted = onSmallStack(() -> Formatter.format(result));
        assertFalse(JobflowParser.parse("again.kjf", formatted).hasErrors());
    }

    @Test
    void longOperatorChainsStayFlat() throws InterruptedException {
        String text = "[x = 0" + " + 1".repeat(20_000) + "]";
        ParseResult result = onSmallStack(() -> JobflowParser.check("long.kjf", text));
        assertEquals(List.of(ErrorCode.E_SIZE), codes(result), "only the size limit applies");
        String formatted = onSmallStack(() -> Formatter.format(result));
        assertTrue(formatted.startsWith("[x = 0 + 1 + 1"));
    }

    @Test
    void jobsPerExpressionAreLimited() {
        ParseResult atLimit = JobflowParser.parse("jobs.kjf", "[]" + " -> []".repeat(FlowParser.MAX_JOBS - 1));
        assertFalse(atLimit.hasErrors());
        assertEquals(FlowParser.MAX_JOBS, atLimit.program().flow().size());

        ParseResult over = JobflowParser.parse("jobs.kjf", "[]" + " -> []".repeat(FlowParser.MAX_JOBS + 9));
        assertEquals(List.of(ErrorCode.E_TOOMANYJOBS), codes(over));
        assertEquals("too many jobs in one jobflow expression (4106; the limit is 4096)", over.diagnostics().get(0).message());
    }

    @Test
    void blocksCountAsOneJobOfTheirExpression() {
        String inner = "[]" + " -> []".repeat(3000);
        ParseResult result = JobflowParser.parse("jobs.kjf", "{ " + inner + " } -> { " + inner + " }");
        assertFalse(result.hasErrors(), result.renderDiagnostics());
        Flow flow = result.program().flow();
        assertEquals(2, flow.size());
    }

    @Test
    void recoversToReportSeveralErrorsInOnePass() {
        ParseResult result = JobflowParser.check("many.kjf", String.join("\n",
                "[a = ] ->",
                "print(1 2) ->",
                "{ for x 3 | print(x) } ->",
                "<ch ?> ->",
                "[b = {c = 1, 'd': 2}] ->",
                "print('done')"));
        assertEquals(5, result.diagnostics().size(), result.renderDiagnostics());
        assertEquals(List.of(1, 2, 3, 4, 5), result.diagnostics().stream().map(Diagnostic::line).collect(Collectors.toList()));
    }

    @Test
    void keepsTheTreeItCouldBuild() {
        ParseResult result = JobflowParser.parse("partial.kjf", "print(1) -> [x = ] -> print(2)");
        assertTrue(result.hasErrors());
        assertEquals(3, result.program().flow().size());
        assertEquals("ErrorJob", result.program().flow().jobs().get(1).getClass().getSimpleName());
    }
}
