package dev.kompira.dsl.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.kompira.dsl.ast.AstEquivalence;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.format.Formatter;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import dev.kompira.dsl.source.SourceText;
import dev.kompira.dsl.testing.Seeds;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Bad input gets diagnostics, never an exception or a hang: random strings, random token soup and
 * random mutations of the seed flows all parse and check without throwing, every diagnostic points
 * into the source, and whatever parses cleanly formats back to the same tree. The coverage-guided
 * counterpart is {@link ParserFuzzTest}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ParserRobustnessTest {

    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000);

    private static final List<String> TOKENS = List.of("[", "]", "{", "}", "(", ")", "<", ">", "<>", "|", ",", ":", ".",
            "->", "=>", "->>", "=>>", "=", "==", ">>", "<<", "?", "??", "*", "**", "-", "+", "/", "%", ">=", "=~", "!~",
            "if", "then", "elif", "else", "case", "for", "in", "not", "and", "or", "while", "fork", "pfor", "choice",
            "session", "try", "break", "continue", "true", "null", "x", "print", "$RESULT", "$X", "./a", "../", "/",
            "'s'", "'''t'''", "\"", "'", "b'", "r'", "g'x'i", "12", "1.5", "007", "1e5", "#c\n", "\n", " ", "\\", "$",
            "é", "ノード", "\u00a0", "\r\n", "'\\x", "'\\u12'", "\t");

    private static final List<String> SEEDS = Seeds.texts();

    /** Parses, checks and (when clean) formats {@code text}, asserting the front end's guarantees. */
    static void assertHandled(String text) {
        SourceText source = new SourceText("fuzz.kjf", text);
        ParseResult result = JobflowParser.check(source);
        for (Diagnostic diagnostic : result.diagnostics()) {
            assertTrue(diagnostic.line() >= 1 && diagnostic.line() <= source.lineCount(), diagnostic::toString);
            assertTrue(diagnostic.column() >= 1, diagnostic::toString);
            assertFalse(diagnostic.message().isBlank());
        }
        result.renderDiagnostics();
        boolean parsesCleanly = JobflowParser.parse(source).diagnostics().stream()
                .noneMatch(d -> d.isError() && d.code().preventsFormatting());
        if (parsesCleanly) {
            String formatted = Formatter.format(result);
            ParseResult again = JobflowParser.parse("formatted.kjf", formatted);
            assertTrue(AstEquivalence.equivalent(result.program(), again.program()), () -> text + "\n=>\n" + formatted);
        }
    }

    @Test
    void randomStringsGiveDiagnosticsOnly() {
        qt().withExamples(EXAMPLES).forAll(strings().allPossible().ofLengthBetween(0, 200))
                .checkAssert(ParserRobustnessTest::assertHandled);
    }

    @Test
    void randomTokenSoupGivesDiagnosticsOnly() {
        Gen<String> soup = lists().of(Generate.pick(TOKENS)).ofSizeBetween(0, 60)
                .map(tokens -> String.join(" ", tokens));
        Gen<String> glued = lists().of(Generate.pick(TOKENS)).ofSizeBetween(0, 60)
                .map(tokens -> String.join("", tokens));
        qt().withExamples(EXAMPLES).forAll(soup.mix(glued)).checkAssert(ParserRobustnessTest::assertHandled);
    }

    @Test
    void mutatedSeedFlowsGiveDiagnosticsOnly() {
        Gen<String> mutated = Generate.pick(SEEDS).zip(lists().of(mutation()).ofSizeBetween(1, 4), (seed, mutations) -> {
            String text = seed;
            for (Mutation mutation : mutations) {
                text = mutation.apply(text);
            }
            return text;
        });
        qt().withExamples(EXAMPLES).forAll(mutated).checkAssert(ParserRobustnessTest::assertHandled);
    }

    /** One edit of a text, positions given as fractions of its length so they fit any seed. */
    private interface Mutation {
        String apply(String text);
    }

    private static Gen<Mutation> mutation() {
        Gen<Integer> kind = integers().between(0, 5);
        Gen<Integer> where = integers().between(0, 1000);
        return kind.zip(where, where, Generate.pick(TOKENS), (k, a, b, token) -> text -> {
            int first = text.isEmpty() ? 0 : a * text.length() / 1001;
            int second = text.isEmpty() ? 0 : b * text.length() / 1001;
            int from = Math.min(first, second);
            int to = Math.max(first, second);
            switch (k) {
                case 0: return text.substring(0, from) + text.substring(Math.min(to, from + 20));
                case 1: return text.substring(0, from) + token + text.substring(from);
                case 2: return text.substring(0, to) + text.substring(from, Math.min(to, from + 30)) + text.substring(to);
                case 3: return text.substring(0, from);
                case 4: return text.substring(0, from) + token + text.substring(Math.min(text.length(), from + 1));
                default: return text.substring(0, from) + text.substring(from, to).toUpperCase() + text.substring(to);
            }
        });
    }
}
