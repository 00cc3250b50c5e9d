package dev.kompira.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.builtin.BuiltinFunctions;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Value;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of value semantics: any text is compiled and evaluated as a jobflow
 * expression (operators, methods, built-in functions, rendering, JSON). Bad input may only end in a
 * compile diagnostic or a run-time error of the language; any other exception is a bug. A normal
 * build replays the seeds in {@code ExpressionFuzzTestInputs/evaluate/}; {@code JAZZER_FUZZ=1}
 * starts a session (docs/testing.md).
 */
class ExpressionFuzzTest {

    private static final Kompira ENGINE = Kompira.builder().carrierThreads(1).build();

    @FuzzTest
    void evaluate(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.contains("\n") || text.contains("|")) {
            return;
        }
        Value value;
        try {
            value = ENGINE.parameterValue("x", text);
        } catch (FlowCompileException | JobflowError expected) {
            return;
        }
        Rendering.text(value);
        Rendering.nested(value);
        Equality.equal(value, value);
        try {
            BuiltinFunctions.get("json_dump").call(
                    BuiltinFunctions.get("json_dump").signature().bind(Arguments.of(value)), null);
        } catch (JobflowError notSerializable) {
            // values that JSON lacks are reported, not crashed on
        }
    }
}
