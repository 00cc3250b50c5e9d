package dev.kompira.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GettingStartedExampleTest {

    @Test
    void theProgramOfGettingStartedRunsAsThePageSays(@TempDir Path repository) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GettingStartedExample.run(repository, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(String.join("\n",
                "| who = 'world' |",
                "print('hello $who') -> sleep(0.2) -> return('greeted $who')",
                "hello web03",
                "DONE greeted web03",
                "hello ops",
                "greeted ops",
                "commit: create jobflow /user/demo/greet",
                "commit: create directories /user/demo",
                "hello paused",
                "SUSPENDED",
                "greeted paused",
                "hello stopped",
                "ABORTED TERMINATED at /user/demo/greet:2:24",
                ""), bytes.toString(StandardCharsets.UTF_8));
    }
}
