package dev.kompira.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code __dir__} names on the engine host (D139). */
class WorkingDirectoryTest {

    private static final Path ENGINE = Path.of("").toAbsolutePath();
    private static final Path HOME = Path.of(System.getenv().getOrDefault("HOME", System.getProperty("user.home")));

    @Test
    void unsetOrEmptyIsTheEngineDirectory() {
        assertEquals(ENGINE, WorkingDirectory.of(null));
        assertEquals(ENGINE, WorkingDirectory.of(""));
    }

    @Test
    void relativeStartsFromTheEngineDirectoryAndAbsoluteStaysAsItIs() {
        assertEquals(ENGINE.resolve("sub/dir"), WorkingDirectory.of("sub/dir"));
        assertEquals(Path.of("/var/tmp"), WorkingDirectory.of("/var/tmp"));
    }

    @Test
    void tildeIsTheHomeDirectory() {
        assertEquals(HOME, WorkingDirectory.of("~"));
        assertEquals(HOME, WorkingDirectory.of("~/"));
        assertEquals(HOME.resolve("work/a"), WorkingDirectory.of("~/work/a"));
    }

    @Test
    void tildeWithAUserNameIsAnOrdinaryName() {
        assertEquals(ENGINE.resolve("~bob"), WorkingDirectory.of("~bob"));
        assertEquals(ENGINE.resolve("a/~"), WorkingDirectory.of("a/~"));
    }
}
