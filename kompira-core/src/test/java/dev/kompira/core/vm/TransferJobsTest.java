package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.StringValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote built-in jobs on a local target (builtins.md §3, D119, D120): {@code put} and
 * {@code get} copy on the engine host, {@code reboot} refuses.
 */
class TransferJobsTest {

    @TempDir
    Path dir;

    private String run(String flow) throws Exception {
        StringBuilder console = new StringBuilder();
        try (Kompira engine = Kompira.builder().console((pid, text) -> console.append(text)).build()) {
            ProcessOutcome outcome = engine.start(engine.compile("transfer.kjf", "| dir = '' |\n" + flow),
                    Map.of("dir", StringValue.of(dir.toString()))).await();
            assertTrue(outcome.isDone(), outcome + "\n" + console);
        }
        return console.toString();
    }

    @Test
    void putCopiesWhatAWildcardMatchesIntoADirectoryAndListsTheFilesWritten() throws Exception {
        Files.createDirectories(dir.resolve("dist/lib"));
        Files.writeString(dir.resolve("dist/app-1.jar"), "one");
        Files.writeString(dir.resolve("dist/app-2.jar"), "two");
        Files.writeString(dir.resolve("dist/.app-hidden.jar"), "hidden");
        Files.writeString(dir.resolve("dist/readme.txt"), "text");
        Files.writeString(dir.resolve("dist/lib/dep.jar"), "dep");
        String console = run("put('$dir/dist/app-*.jar', '$dir/deployed') -> print($RESULT)\n"
                + "-> put('$dir/dist/lib', '$dir/deployed') -> print($RESULT)\n");
        assertEquals("['" + dir + "/deployed/app-1.jar', '" + dir + "/deployed/app-2.jar']\n"
                + "['" + dir + "/deployed/lib/dep.jar']\n", console);
        assertEquals("two", Files.readString(dir.resolve("deployed/app-2.jar")));
        assertTrue(Files.notExists(dir.resolve("deployed/.app-hidden.jar")), "a wildcard does not match a leading dot");
    }

    @Test
    void getCopiesOneFileToANewNameAndRelativePathsStartFromDir() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/app.log"), "log");
        String console = run("[__dir__ = dir + '/logs'] -> get('app.log', '$dir/collected.log') -> print($RESULT)\n");
        assertEquals("['" + dir + "/collected.log']\n", console);
        assertEquals("log", Files.readString(dir.resolve("collected.log")));
    }

    @Test
    void aDestinationEndingInASlashIsADirectoryEvenBeforeItExists() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "a");
        String console = run("put('$dir/a.txt', '$dir/new/') -> print($RESULT)\n");
        assertEquals("['" + dir + "/new/a.txt']\n", console);
        assertEquals("a", Files.readString(dir.resolve("new/a.txt")));
    }

    @Test
    void nothingMatchingIsAFailedJobWithStatusOne() throws Exception {
        String console = run("put('$dir/missing-*.jar', '$dir/out') => print('status=$STATUS error=$ERROR result=[$RESULT]')\n");
        assertEquals("status=1 error=put: no such file: " + dir + "/missing-*.jar result=[]\n", console);
    }

    @Test
    void rebootNeedsARemoteHost() throws Exception {
        assertEquals("status=1 error=reboot: a remote host is required\n", run("reboot() => print('status=$STATUS error=$ERROR')\n"));
    }
}
