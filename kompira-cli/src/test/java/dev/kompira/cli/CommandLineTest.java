package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void checkReportsEveryDiagnosticAndFailsOnErrors() throws IOException {
        write("flows/good.kjf", "print('ok')\n");
        write("flows/sub/bad.kjf", "print(1) print(2) ->\n[x = ] -> continue\n");
        write("flows/notes.txt", "not a flow");
        int status = run("check", dir.resolve("flows").toString());
        assertEquals(1, status);
        String text = out.toString();
        assertTrue(text.contains("bad.kjf:1:10: error: syntax error: unexpected identifier 'print'; expected a connector"), text);
        assertTrue(text.contains("bad.kjf:2:6: error: syntax error: unexpected ']'; expected an expression"), text);
        assertTrue(text.contains("print(1) print(2) ->\n         ^\n"), text);
        assertTrue(text.contains("bad.kjf:2:11: error: 'continue' outside of a loop"), text);
        assertTrue(text.endsWith("2 jobflows checked: 3 errors in 1 file\n"), text);
        assertEquals("", err.toString());
    }

    @Test
    void checkSucceedsOnCleanFlows() throws IOException {
        Path file = write("ok.kjf", "| n = 1 |\n{ for i in n | print(i) }\n");
        assertEquals(0, run("check", file.toString()));
        assertEquals("1 jobflow checked: no errors\n", out.toString());
    }

    @Test
    void checkReportsStaticErrors() throws IOException {
        Path file = write("undefined.kjf", "{ while false | [last = 1] } -> print(last)\n");
        assertEquals(1, run("check", file.toString()));
        assertTrue(out.toString().contains("undefined.kjf:1:39: error: undefined variable 'last'"), out.toString());
    }

    @Test
    void missingAndUnreadableFilesAreUserErrorsWithoutStackTraces() throws IOException {
        assertEquals(2, run("check", dir.resolve("missing.kjf").toString()));
        assertEquals("kompira: no such file or folder: " + dir.resolve("missing.kjf") + "\n", err.toString());

        Path latin1 = dir.resolve("latin1.kjf");
        Files.write(latin1, new byte[] {'p', 'r', 'i', 'n', 't', '(', '\'', (byte) 0xE9, '\'', ')'});
        StringWriter err2 = new StringWriter();
        int status = KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err2, true)).execute("check", latin1.toString());
        assertEquals(2, status);
        assertEquals("kompira: " + latin1 + ": not valid UTF-8 text\n", err2.toString());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("check"));
        assertTrue(err.toString().contains("Missing required parameter"), err.toString());
    }

    @Test
    void fmtPrintsTheCanonicalForm() throws IOException {
        Path file = write("f.kjf", "print('a')->print( 'b' )\n");
        assertEquals(0, run("fmt", file.toString()));
        assertEquals("print('a') -> print('b')\n", out.toString());
    }

    @Test
    void fmtCheckListsFilesThatAreNotCanonical() throws IOException {
        Path ugly = write("ugly.kjf", "print('a')->print( 'b' )\n");
        Path tidy = write("tidy.kjf", "print('a') -> print('b')\n");
        assertEquals(1, run("fmt", "--check", ugly.toString(), tidy.toString()));
        assertEquals(ugly + ": not in canonical form (kompira fmt --write " + ugly + " fixes it)\n", out.toString());
        assertEquals("print('a')->print( 'b' )\n", Files.readString(ugly), "--check changes nothing");
    }

    @Test
    void fmtWriteRewritesInPlaceAndLeavesBrokenFilesAlone() throws IOException {
        Path ugly = write("ugly.kjf", "# keep me\nprint('a')->print( 'b' ) # and me\n");
        Path broken = write("broken.kjf", "print('a' ->\n");
        assertEquals(1, run("fmt", "--write", ugly.toString(), broken.toString()));
        assertEquals("# keep me\nprint('a') -> print('b')  # and me\n", Files.readString(ugly));
        assertEquals("print('a' ->\n", Files.readString(broken), "a file that does not parse is left alone");
        assertTrue(out.toString().contains("formatted " + ugly), out.toString());
        assertTrue(out.toString().contains("broken.kjf:1:11: error: syntax error: unexpected '->'"), out.toString());
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left behind");
        }
    }

    @Test
    void fmtCheckAndWriteAreExclusive() throws IOException {
        Path file = write("f.kjf", "print(1)\n");
        assertEquals(2, run("fmt", "--check", "--write", file.toString()));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());
    }

    @Test
    void helpAndVersionWork() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("check") && out.toString().contains("fmt"));
        assertEquals(0, run("--version"));
        assertTrue(out.toString().contains("kompira "));
    }

    @Test
    void runStreamsTheConsoleAndExitsWithTheProcessStatus() throws IOException {
        Path file = write("run.kjf", "| name = 'world' |\nprint('hello $name') -> ['exit 3'] => exit($STATUS)\n");
        assertEquals(3, run("run", file.toString(), "--param", "name='ops'"));
        assertEquals("hello ops\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void runExitsZeroWhenTheProcessEndsDone() throws IOException {
        Path file = write("ok.kjf", "print(1 + 1)\n");
        assertEquals(0, run("run", file.toString()));
        assertEquals("2\n", out.toString());
    }

    @Test
    void runReportsAForcedTerminationWithTheFailedJobsStatus() throws IOException {
        Path file = write("fail.kjf", "['exit 2'] -> print('not reached')\n");
        assertEquals(2, run("run", file.toString()));
        assertEquals(file + ":1:1: job failed with status 2\n", out.toString());
    }

    @Test
    void runPrintsCompileErrorsOnStandardErrorAndDoesNotRun() throws IOException {
        Path file = write("bad.kjf", "print('side effect') -> print(x)\n");
        assertEquals(1, run("run", file.toString()));
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith(file + ":1:31: error: undefined variable 'x'"), err.toString());
    }

    @Test
    void runRejectsAParameterThatIsNotAnExpression() throws IOException {
        Path file = write("p.kjf", "| n |\nprint(n)\n");
        assertEquals(2, run("run", file.toString(), "--param", "n=1 +"));
        assertTrue(err.toString().startsWith("kompira: --param n: not a jobflow expression"), err.toString());
        assertEquals(2, run("run", file.toString(), "--param", "oops"));
    }

    @Test
    void runMapsExitStatusesOutsideTheByteRangeToNonZeroCodes() {
        assertEquals(0, RunCommand.exitCode(0));
        assertEquals(255, RunCommand.exitCode(-1));
        assertEquals(1, RunCommand.exitCode(256));
        assertEquals(44, RunCommand.exitCode(300));
    }
}
