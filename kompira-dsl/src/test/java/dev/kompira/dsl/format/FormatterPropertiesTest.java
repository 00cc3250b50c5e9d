package dev.kompira.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.kompira.dsl.ast.AstEquivalence;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.ExecutionJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.GuardMode;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.builder.Exprs;
import dev.kompira.dsl.builder.Flows;
import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.function.Function;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import dev.kompira.dsl.testing.AstGenerator;
import dev.kompira.dsl.testing.AstPrinter;
import org.junit.jupiter.api.Test;

/**
 * The formatter's two properties on generated trees: {@code parse(format(tree))} equals the tree
 * (ignoring spans), and formatting its own output changes nothing.
 */
class FormatterPropertiesTest {

    private static final Span NONE = Span.NONE;
    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000);

    private static String describe(Program program) {
        try {
            return "\n" + Formatter.format(program);
        } catch (RuntimeException e) {
            return AstPrinter.print(program);
        }
    }

    @Test
    void parsingTheFormattedTreeGivesTheTreeBack() {
        qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(AstGenerator.programs().describedAs(FormatterPropertiesTest::describe)).checkAssert(program -> {
            String source = Formatter.format(program);
            ParseResult reparsed = JobflowParser.parse("generated.kjf", source);
            assertFalse(reparsed.hasErrors(), () -> source + "\n" + reparsed.renderDiagnostics());
            assertTrue(AstEquivalence.equivalent(program, reparsed.program()),
                    () -> source + "\nexpected:\n" + AstPrinter.print(program) + "actual:\n" + AstPrinter.print(reparsed.program()));
        });
    }

    @Test
    void formattingIsIdempotent() {
        qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(AstGenerator.programs().describedAs(FormatterPropertiesTest::describe)).checkAssert(program -> {
            String once = Formatter.format(program);
            String twice = Formatter.format(JobflowParser.parse("generated.kjf", once));
            assertEquals(once, twice);
        });
    }

    /** Every place an expression can stand, with different neighbours and bracket depths. */
    private static final List<Function<Expr, Program>> CONTEXTS = List.of(
            e -> program(List.of(new Parameter("p", e, NONE)), null),
            e -> program(List.of(), new EventJob(e, GuardMode.NONE, null, List.of(), NONE)),
            e -> program(List.of(), new EventJob(Exprs.var("ch"), GuardMode.SCAN, e, List.of(), NONE)),
            e -> program(List.of(), new EventJob(Exprs.var("ch"), GuardMode.NONE, null, List.of(Exprs.kw("timeout", e)), NONE)),
            e -> program(List.of(), new UpdateJob(e, Exprs.var("x"), NONE)),
            e -> program(List.of(), new ExecutionJob(e, e, List.of(Exprs.arg(e)), NONE)),
            e -> program(List.of(), Flows.caseOf(e).when(Flows.seq(Flows.skip()), Exprs.str("a"))
                    .when(Flows.seq(Flows.command("x")), e, e).build()));

    private static Program program(List<Parameter> parameters, Job job) {
        return new Program(parameters, job == null ? null : Flows.seq(job), NONE);
    }

    @Test
    void expressionsRoundTripInEveryContext() {
        qt().withExamples(EXAMPLES).forAll(AstGenerator.expressions()).checkAssert(expr -> {
            for (Function<Expr, Program> context : CONTEXTS) {
                Program program = context.apply(expr);
                String source = Formatter.format(program);
                ParseResult reparsed = JobflowParser.parse("generated.kjf", source);
                assertFalse(reparsed.hasErrors(), () -> source + "\n" + reparsed.renderDiagnostics());
                assertTrue(AstEquivalence.equivalent(program, reparsed.program()), source);
            }
        });
    }
}
