package dev.kompira.dsl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the parser, checker and formatter with Jazzer. A normal build replays
 * the seed inputs ({@code ParserFuzzTestInputs/parse/}: the corpus flows, copied there at build
 * time, plus every past finding); {@code JAZZER_FUZZ=1} starts a fuzzing session (docs/testing.md).
 */
class ParserFuzzTest {

    @FuzzTest
    void parse(byte[] data) {
        ParserRobustnessTest.assertHandled(new String(data, StandardCharsets.UTF_8));
    }
}
