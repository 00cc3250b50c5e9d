package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which jobs checkpoint mode saves after (J140): only jobs that may leave a trace outside their
 * process — printing included — are effects; what only computes is not.
 */
class EffectsTest {

    private static boolean effects(String job) {
        return Effects.of(parsed(job).program().flow().first());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[x = 1]", "[x = length([1, 2]) + int('3')]", "[a = now(), b = string(path('/a', 'b'))]",
        "return(1)", "exit(0)", "self()", "{ x = 1 | [y = x] }", "{ if x > 1 | print(x) }", "{ for i in [1, 2] | ['ls'] }",
        "{ while n < 3 | [n = n + 1] }", "{ case x | 1: ['ls'] }", "{ try | ['ls'] }", "{ fork | ['ls'] }",
        "{ pfor i in 3 | ['ls'] }", "<>", "break", "continue"})
    void jobsThatOnlyComputeHaveNoEffects(String job) {
        assertEquals(false, effects(job), job);
    }

    @ParameterizedTest
    @ValueSource(strings = {"print('hi')", "abort('no')", "assert(false)", "['ls']", "[./x.update: 1]", "[x = ch.receive()]",
        "[x = ./lib.f(1)]", "[./flow]", "sleep(1)", "<ch>", "suspend()", "[x = current()]", "{ if ./lib.ok() | print(1) }",
        "{ for i in ch.items() | [x = i] }", "{ x = ./lib.f() | [y = x] }", "return(./lib.f())", "{ choice | <ch> -> [x = 1] }",
        "detach()", "[1 >> ./node.port]"})
    void jobsThatMayLeaveATraceHaveEffects(String job) {
        assertEquals(true, effects(job), job);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[x = 1] -> { if x | then: [y = 2] else: { for i in [1] | [z = i] } }", "{ pfor i in 3 | [x = i] }",
        "{ fork | [a = 1] [b = 2] }"})
    void flowsWithoutEffectsAnywhere(String flow) {
        assertFalse(Effects.anywhere(parsed(flow).program().flow()), flow);
    }

    private static ParseResult parsed(String flow) {
        ParseResult parsed = JobflowParser.parse("flow.kjf", flow);
        assertFalse(parsed.hasErrors(), parsed.renderDiagnostics());
        return parsed;
    }

    @ParameterizedTest
    @ValueSource(strings = {"[x = 1] -> { if x | then: [y = 2] else: { for i in [1] | ['ls'] } }", "{ pfor i in 3 | print(i) }",
        "{ fork | [a = 1] { try | sleep(1) } }"})
    void flowsWithAnEffectAtAnyDepth(String flow) {
        assertEquals(true, Effects.anywhere(parsed(flow).program().flow()), flow);
    }
}
