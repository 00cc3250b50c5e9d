package dev.kompira.core;

import dev.kompira.core.process.CompiledFlow;
import static dev.kompira.dsl.builder.Exprs.add;
import static dev.kompira.dsl.builder.Exprs.integer;
import static dev.kompira.dsl.builder.Exprs.result;
import static dev.kompira.dsl.builder.Exprs.str;
import static dev.kompira.dsl.builder.Exprs.var;
import static dev.kompira.dsl.builder.Flows.breakLoop;
import static dev.kompira.dsl.builder.Flows.flow;
import static dev.kompira.dsl.builder.Flows.forEach;
import static dev.kompira.dsl.builder.Flows.print;
import static dev.kompira.dsl.builder.Flows.program;
import static dev.kompira.dsl.builder.Flows.returnJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.dsl.ast.Program;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Programs built in Java compile without being printed and parsed again. */
class CompileProgramTest {

    @Test
    void aBuiltProgramCompilesAndRuns() throws Exception {
        Program built = program().parameter("n", integer(2))
                .body(flow(forEach("i", var("n"), flow(print(str("step"), var("i")))))
                        .then(returnJob(add(var("n"), integer(40)))))
                .build();
        StringBuilder console = new StringBuilder();
        try (Kompira kompira = Kompira.builder().console((pid, text) -> console.append(text)).build()) {
            CompiledFlow flow = kompira.compile("built", built);
            assertEquals(java.util.List.of("n"), flow.parameterNames());
            ProcessOutcome outcome = kompira.start(flow, Map.of()).await(Duration.ofSeconds(30));
            assertTrue(outcome.isDone());
            assertEquals(IntegerValue.of(42), outcome.result());
        }
        assertEquals("step 0\nstep 1\n", console.toString());
    }

    @Test
    void aBuiltProgramThatBreaksACompileRuleIsRefusedWithItsDiagnostics() {
        Program broken = program().body(flow(print(result())).then(breakLoop())).build();
        try (Kompira kompira = Kompira.builder().build()) {
            FlowCompileException e = assertThrows(FlowCompileException.class, () -> kompira.compile("built", broken));
            assertEquals(1, e.diagnostics().size());
            assertTrue(e.getMessage().startsWith("built:"), e.getMessage());
            assertTrue(e.getMessage().contains("'break' outside of a loop"), e.getMessage());
        }
    }
}
