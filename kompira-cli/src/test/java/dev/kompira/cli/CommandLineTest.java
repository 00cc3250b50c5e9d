package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Runs with {@code terminal} in place of the real standard input and terminal detection. */
    private static int run(Terminal terminal, PrintWriter out, PrintWriter err, String... args) {
        picocli.CommandLine commandLine = KompiraCommand.commandLine(out, err);
        RunCommand run = commandLine.getSubcommands().get("run").getCommand();
        run.terminal = terminal;
        return commandLine.execute(args);
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneSetUpWhileHelpAndUnknownNamesGetThemAll() {
        assertEquals(List.of("run"), List.copyOf(KompiraCommand.commandLine("run", "flow.kjf").getSubcommands().keySet()));
        assertEquals(List.of("token"), List.copyOf(KompiraCommand.commandLine("token", "list").getSubcommands().keySet()));
        java.util.Set<String> all = KompiraCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).getSubcommands().keySet();
        assertTrue(all.containsAll(List.of("run", "check", "serve", "help")), all.toString());
        assertEquals(all, KompiraCommand.commandLine("help", "run").getSubcommands().keySet());
        assertEquals(all, KompiraCommand.commandLine("rnu").getSubcommands().keySet());
        assertEquals(all, KompiraCommand.commandLine().getSubcommands().keySet());
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
    void checkShowsALongLineCutAroundTheCaret() throws IOException {
        Path file = write("long.kjf", "[x = '" + "a".repeat(5000) + "' + ] -> print('" + "b".repeat(5000) + "')\n");
        assertEquals(1, run("check", file.toString()));
        String[] lines = out.toString().split("\n");
        assertTrue(lines[0].endsWith("long.kjf:1:5011: error: syntax error: unexpected ']'; expected an expression"), lines[0]);
        assertEquals("..." + "a".repeat(56) + "' + ] -> print('" + "b".repeat(48) + "...", lines[1]);
        assertEquals(" ".repeat(3 + 56 + 4) + "^", lines[2]);
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
        assertEquals(2, run("run", "--no-such-option", "f.kjf"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
    }

    @Test
    void runNeedsAFileUnlessItResumesSavedProcesses() {
        String needed = "kompira: kompira run needs FILE, the jobflow to run; only --checkpoints DIR or --store DIR "
                + "--checkpoint-mode go without it, to resume the processes saved there\n";
        assertEquals(2, run("run"));
        assertEquals(needed, err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "--store", dir.resolve("repo").toString()));
        assertEquals(needed, err.toString());
        assertFalse(Files.exists(dir.resolve("repo")), "nothing is created");
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

    @Test
    void runStepAsksBeforeEveryCommandAndReadsOneAnswerPerLine() throws IOException {
        Path file = write("s.kjf",
                "['echo one'] -> print($RESULT) ->\n['echo two'] -> print([$RESULT, $STATUS]) ->\n['echo three'] -> print('not reached')\n");
        int status = run(new Terminal(input("\nx\ns\n"), false), new PrintWriter(out, true), new PrintWriter(err, true),
                "run", "--step", file.toString());
        assertEquals(1, status, "end of input aborts the third command");
        assertEquals("one\n['', 0]\n" + file + ":3:1: aborted in step mode\n", out.toString());
        String shell = "[" + System.getProperty("user.name") + "@localhost]$ ";
        String ask = " \u2014 run, skip or abort? [R/s/a] ";
        assertEquals("step: process 1, line 1: " + shell + "echo one" + ask + "\n"
                + "step: process 1, line 2: " + shell + "echo two" + ask + "x\n"
                + "kompira: 'x' is not an answer: r (or nothing) runs, s skips, a aborts\n"
                + "step: process 1, line 2: " + shell + "echo two" + ask + "s\n"
                + "step: process 1, line 3: " + shell + "echo three" + ask + "(end of input: abort)\n", err.toString(),
                "answers read from a pipe are echoed so that the transcript shows them");
    }

    @Test
    void runStepLeavesTheEchoToATerminal() throws IOException {
        Path file = write("s.kjf", "['echo one'] -> print($RESULT)\n");
        assertEquals(0, run(new Terminal(input("r\n"), true), new PrintWriter(out, true), new PrintWriter(err, true),
                "run", "--step", file.toString()));
        assertEquals("one\n", out.toString());
        assertTrue(err.toString().endsWith("echo one \u2014 run, skip or abort? [R/s/a] "), err.toString());
    }

    @Test
    void stepAnswersAreLenient() {
        assertEquals(dev.kompira.core.process.StepHandler.StepDecision.RUN, StepPrompt.decision(" Run "));
        assertEquals(dev.kompira.core.process.StepHandler.StepDecision.SKIP, StepPrompt.decision("S"));
        assertEquals(dev.kompira.core.process.StepHandler.StepDecision.ABORT, StepPrompt.decision("abort"));
        assertEquals(null, StepPrompt.decision("yes"));
    }

    /**
     * Leaves in {@code store} the checkpoints of processes of {@code flow} suspended by their own
     * {@code suspend()}, one per entry of {@code options}: closing the engine stops them and keeps
     * their last checkpoints, as a shut-down engine does.
     */
    private static void leaveSuspendedCheckpoints(Path store, Path flow, List<StartOptions> options) throws Exception {
        try (Kompira kompira = Kompira.builder().checkpoints(new DirectoryCheckpointStore(store)).build()) {
            List<JobflowProcess> processes = new ArrayList<>();
            for (StartOptions o : options) {
                processes.add(kompira.start(kompira.compile(flow), Map.of(), o));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            for (JobflowProcess p : processes) {
                while (p.state() != ProcessState.SUSPENDED) {
                    assertTrue(System.nanoTime() < deadline, "the process did not suspend itself");
                    Thread.sleep(5);
                }
            }
        }
    }

    @Test
    void runCheckpointsResumesTheSavedProcessesInsteadOfStartingTheFlow() throws Exception {
        Path flow = write("suspending.kjf", "print('before') -> suspend() -> print('after') -> exit(3)\n");
        Path store = dir.resolve("store");
        leaveSuspendedCheckpoints(store, flow, List.of(StartOptions.DEFAULT.withCheckpointMode(true)));
        Path fresh = write("fresh.kjf", "print('fresh run')\n");

        assertEquals(3, run("run", "--checkpoints", store.toString(), fresh.toString()), err.toString());
        assertEquals("after\n", out.toString(), "the resumed process goes on after its last checkpoint; FILE does not run");
        assertEquals(resuming(1, store), err.toString());
        try (var left = Files.list(store)) {
            assertEquals(0, left.count(), "the resumed process removed its checkpoint when it ended");
        }
    }

    @Test
    void runCheckpointsWithoutFileResumesTheSavedProcesses() throws Exception {
        Path flow = write("suspending.kjf", "print('before') -> suspend() -> print('after') -> exit(3)\n");
        Path store = dir.resolve("store");
        leaveSuspendedCheckpoints(store, flow, List.of(StartOptions.DEFAULT.withCheckpointMode(true)));

        assertEquals(3, run("run", "--checkpoints", store.toString()), err.toString());
        assertEquals("after\n", out.toString());
        assertEquals(resuming(1, store), err.toString());
    }

    @Test
    void runCheckpointsNamesTheRecordsItCannotResumeAndResumesTheOthers() throws Exception {
        Path flow = write("suspending.kjf", "print('before') -> suspend() -> print('after') -> exit(3)\n");
        Path store = dir.resolve("store");
        leaveSuspendedCheckpoints(store, flow, List.of(StartOptions.DEFAULT.withCheckpointMode(true)));
        Files.writeString(store.resolve("process-9.json"), "{\"format\": 2, \"pid\": 9, \"flo");

        assertEquals(3, run("run", "--checkpoints", store.toString()), err.toString());
        assertEquals("after\n", out.toString());
        String[] lines = err.toString().split("\n");
        assertEquals(resuming(2, store).strip(), lines[0]);
        assertTrue(lines[1].startsWith("kompira: cannot resume process-9.json in " + store + ": not a process snapshot: "),
                lines[1]);
        assertEquals(2, lines.length, err.toString());
    }

    private static String resuming(int count, Path store) {
        return "kompira: resuming " + count + " saved process(es) from " + store
                + "; a job that was running at the crash runs again\n";
    }

    @Test
    void runCheckpointsWithoutFileNeedsSavedProcesses() throws IOException {
        Path missing = dir.resolve("missing");
        assertEquals(2, run("run", "--checkpoints", missing.toString()));
        assertEquals("kompira: no saved process to resume in " + missing + ": give FILE to start a jobflow\n", err.toString());
        assertFalse(Files.exists(missing), "no folder is created");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a saved process");
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "--checkpoints", empty.toString()));
        assertEquals("kompira: no saved process to resume in " + empty + ": give FILE to start a jobflow\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void runCheckpointsStartsTheFlowInCheckpointModeOnAnEmptyFolder() throws IOException {
        Path flow = write("c.kjf", "| store |\nprint(current().checkpoint_mode) -> ['ls $store'] -> print($RESULT) -> exit(4)\n");
        Path store = dir.resolve("new-store");
        assertEquals(4, run("run", "--checkpoints", store.toString(), flow.toString(), "--param", "store='" + store + "'"));
        assertEquals("true\nprocess-1.json\n", out.toString(), "the process is saved while it runs");
        assertEquals("", err.toString());
        try (var left = Files.list(store)) {
            assertEquals(0, left.count(), "a finished process leaves no checkpoint");
        }
    }

    @Test
    void psListsTheSavedProcessesAsATable() throws Exception {
        Path flow = write("suspending.kjf", "print('before') -> suspend() -> print('after')\n");
        Path store = dir.resolve("store");
        StartOptions checkpoint = StartOptions.DEFAULT.withCheckpointMode(true);
        leaveSuspendedCheckpoints(store, flow, List.of(checkpoint, checkpoint.withStepMode(true)));
        Files.writeString(store.resolve("notes.txt"), "not a saved process");

        assertEquals(0, run("ps", "--checkpoints", store.toString()), err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length, out.toString());
        String name = Pattern.quote(flow.toString());
        String time = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
        assertTrue(lines[0].matches("PID +JOBFLOW +STATUS +WAITING +MODES +SAVED"), lines[0]);
        assertTrue(lines[1].matches("1 +" + name + " +\\S+ +.+ +checkpoint +" + time), lines[1]);
        assertTrue(lines[2].matches("2 +" + name + " +\\S+ +.+ +step,checkpoint +" + time), lines[2]);
        for (String column : List.of("JOBFLOW", "STATUS", "WAITING", "MODES", "SAVED")) {
            int at = lines[0].indexOf(column);
            assertTrue(at > 0 && lines[1].charAt(at - 1) == ' ' && lines[1].charAt(at) != ' ', "column " + column + " is aligned");
        }
        assertEquals("", err.toString());
    }

    /** A snapshot's top-level keys as kompira ps reads them; {@code more} adds keys after the pid. */
    private static String snapshot(long pid, String flow, String more, boolean step, boolean checkpoint) {
        return "{\"format\": 2, \"pid\": " + pid + more + ", \"flow\": {\"name\": \"" + flow + "\", \"directory\": \"/user\"}, "
                + "\"modes\": {\"step\": " + step + ", \"checkpoint\": " + checkpoint + "}, \"frames\": []}";
    }

    @Test
    void psShowsChildrenUnderTheirParentAndWhatEachWaitsFor() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Map<String, String> files = Map.of(
                "process-1.json", snapshot(1, "deploy", ", \"children\": [2, 3], \"status\": \"suspended\", \"waiting\": \"children 2 of 3\"", false, true),
                "process-2.json", snapshot(2, "deploy", ", \"parent\": 1, \"children\": [4], \"status\": \"running\", \"waiting\": \"job at line 3\"", true, true),
                "process-3.json", snapshot(3, "deploy", ", \"parent\": 1, \"children\": [], \"status\": \"finished\"", false, true),
                "process-4.json", snapshot(4, "deploy", ", \"parent\": 2, \"status\": \"running\", \"waiting\": \"job at line 7\"", false, true),
                "process-5.json", snapshot(5, "backup", ", \"status\": \"running\", \"waiting\": \"job at line 1\"", false, true),
                "process-7.json", snapshot(7, "deploy", ", \"parent\": 6, \"status\": \"suspended\", \"waiting\": \"\"", false, false),
                "notes.txt", "not a saved process",
                "process-8.json.123.tmp", "{\"format\": 2, \"pi");
        java.nio.file.attribute.FileTime saved = java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2024-04-01T09:00:00Z"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.setLastModifiedTime(Files.writeString(store.resolve(file.getKey()), file.getValue()), saved);
        }
        String t = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(saved.toInstant().atZone(java.time.ZoneId.systemDefault()));

        assertEquals(0, run("ps", "--checkpoints", store.toString()), err.toString());
        assertEquals(String.join("\n",
                "PID  JOBFLOW       STATUS     WAITING          MODES            SAVED",
                "1    deploy        suspended  children 2 of 3  checkpoint       " + t,
                "2    \u2514\u2500 deploy     running    job at line 3    step,checkpoint  " + t,
                "4       \u2514\u2500 deploy  running    job at line 7    checkpoint       " + t,
                "3    \u2514\u2500 deploy     finished   -                checkpoint       " + t,
                "5    backup        running    job at line 1    checkpoint       " + t,
                "7    deploy        suspended  -                -                " + t,
                ""), out.toString(), "a process whose parent is not saved is shown at the top level");
        assertEquals("", err.toString());
    }

    @Test
    void psShowsAFileThatCannotBeReadAsALineAndGoesOn() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.writeString(store.resolve("process-1.json"), snapshot(1, "deploy", ", \"status\": \"running\"", false, true));
        Files.writeString(store.resolve("process-9.json"), "{\"format\": 2, \"pid\": 9, \"flo");
        Files.writeString(store.resolve("process-10.json"), "{\"format\": 1, \"pid\": 10}");
        Files.write(store.resolve("process-11.json"), new byte[] {'{', (byte) 0xFF, '}'});
        Files.writeString(store.resolve("process-12.json"), "");
        Files.writeString(store.resolve("process-13.json"), snapshot(31, "deploy", "", false, true));

        assertEquals(0, run("ps", "--checkpoints", store.toString()), err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(7, lines.length, out.toString());
        assertTrue(lines[1].startsWith("1    deploy   running  -        checkpoint  "), lines[1]);
        assertTrue(lines[2].startsWith("9    process-9.json: not a saved process: Unexpected end-of-input"), lines[2]);
        assertEquals("10   process-10.json: saved in format 1, which this kompira does not read (format 2)", lines[3]);
        assertEquals("11   process-11.json: not UTF-8 text", lines[4]);
        assertEquals("12   process-12.json: not a saved process: not a JSON object with a \"format\"", lines[5]);
        assertEquals("13   process-13.json: holds process 31, not 13", lines[6]);
        assertEquals("", err.toString());
    }

    @Test
    void psNeedsAnExistingCheckpointFolder() {
        Path missing = dir.resolve("missing");
        assertEquals(2, run("ps", "--checkpoints", missing.toString()));
        assertEquals("kompira: no such checkpoint folder: " + missing + "\n", err.toString());
        assertEquals(2, run("ps"));
        assertTrue(err.toString().contains("kompira ps needs one of --checkpoints DIR, --store DIR or --server URL"), err.toString());
    }

    @Test
    void aStoreKeepsItsSavedProcessesBesideTheRepositoryAndPsListsThem() throws Exception {
        Path repository = dir.resolve("repo");
        assertEquals(0, run("init", "--store", repository.toString()), err.toString());
        Path flow = write("suspending.kjf", "print('before') -> suspend() -> print('after') -> exit(4)\n");
        Path folder;
        try (dev.kompira.store.git.GitStore store = dev.kompira.store.git.GitStore.open(repository,
                dev.kompira.store.git.GitStoreOptions.defaults())) {
            folder = store.checkpointFolder();
        }
        assertEquals(repository.resolve(".git/kompira/checkpoints/refs%heads%main"), folder);
        out.getBuffer().setLength(0);
        assertEquals(0, run("ps", "--store", repository.toString()), err.toString());
        assertEquals(1, out.toString().split("\n").length, "only the heading while nothing is saved: " + out);

        leaveSuspendedCheckpoints(folder, flow, List.of(StartOptions.DEFAULT.withCheckpointMode(true)));
        out.getBuffer().setLength(0);
        assertEquals(0, run("ps", "--store", repository.toString()), err.toString());
        assertTrue(out.toString().split("\n")[1].matches("1 +" + Pattern.quote(flow.toString()) + " +.+ +checkpoint +.*"), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(4, run("run", "--store", repository.toString(), "--checkpoint-mode"), err.toString());
        assertEquals("after\n", out.toString(), "the saved process resumes without FILE");
        try (var left = Files.list(folder)) {
            assertEquals(0, left.count(), "a finished process leaves no checkpoint");
        }
    }

    @Test
    void checkpointModeNeedsAStore() throws IOException {
        Path flow = write("hello.kjf", "print('hello')\n");
        assertEquals(2, run("run", "--checkpoint-mode", flow.toString()));
        assertTrue(err.toString().contains("--checkpoint-mode needs --store DIR"), err.toString());
    }

    private static final String PFOR = "{ pfor i in 3 | { if i == 0 | then: exit(1) else: sleep(0.5 * i) -> print('child $i') } } => print('end')\n";

    @Test
    void theProgressLineStaysOffWhenStandardOutputIsNotATerminal() throws IOException {
        Path file = write("pfor.kjf", PFOR);
        assertEquals(0, run(new Terminal(input(""), false), new PrintWriter(out, true), new PrintWriter(err, true),
                "run", file.toString()));
        assertEquals("child 1\nchild 2\nend\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void theProgressLineIsRedrawnInPlaceAndErasedBeforeConsoleText() throws IOException {
        Path file = write("pfor.kjf", PFOR);
        // Standard output and error on one screen, as on a terminal.
        StringWriter screen = new StringWriter();
        assertEquals(0, run(new Terminal(input(""), true), new PrintWriter(screen, true), new PrintWriter(screen, true),
                "run", file.toString()));
        List<String> drawn = new ArrayList<>();
        String console = console(screen.toString(), drawn);
        assertEquals("child 1\nchild 2\nend\n", console, "the console text is the same as without the progress line");
        assertTrue(drawn.contains("pfor/fork: 1/3 done, 2 running, 1 failed"), drawn.toString());
        assertTrue(drawn.stream().allMatch(l -> l.matches("pfor/fork: \\d/3 done, [12] running, 1 failed")), drawn.toString());
    }

    /**
     * Splits what a terminal received into console text (returned) and progress lines ({@code drawn}),
     * checking that a line is drawn only at the start of a screen line and erased before any console
     * text and by the end.
     */
    private static String console(String screen, List<String> drawn) {
        Matcher control = Pattern.compile("\r([^\r\n\u001b]*)\u001b\\[K").matcher(screen);
        StringBuilder console = new StringBuilder();
        boolean shown = false;
        int at = 0;
        while (control.find()) {
            String text = screen.substring(at, control.start());
            assertTrue(text.isEmpty() || !shown, "console text written over the progress line: " + text);
            console.append(text);
            if (control.group(1).isEmpty()) {
                shown = false;
            } else {
                assertTrue(console.length() == 0 || console.charAt(console.length() - 1) == '\n',
                        "progress line drawn inside a console line");
                drawn.add(control.group(1));
                shown = true;
            }
            at = control.end();
        }
        assertTrue(at == screen.length() || !shown, "console text written over the progress line: " + screen.substring(at));
        assertFalse(shown && at == screen.length(), "the progress line was left on the screen");
        return console.append(screen.substring(at)).toString();
    }

    @Test
    void runImportsAKompiraExportAndRunsAJobflowObjectFromIt() throws IOException {
        Path export = write("export.json", String.join("\n",
                "[",
                "  {\"owner\": \"root\", \"fields\": {}, \"user_permissions\": {}, \"group_permissions\": {},",
                "   \"display_name\": \"app\", \"description\": \"\", \"parent_object\": \".\",",
                "   \"objpath\": \"app\", \"typepath\": \"/system/types/Directory\"},",
                "  {\"owner\": \"root\", \"fields\": {\"source\": \"| who = 'world' |\\r\\nprint('hello ' + who) -> exit(7)\"},",
                "   \"user_permissions\": {}, \"group_permissions\": {}, \"display_name\": \"hello\", \"description\": \"\",",
                "   \"parent_object\": \"app\", \"objpath\": \"app/hello\", \"typepath\": \"system/types/Jobflow\"}",
                "]"));
        assertEquals(7, run("run", "--import", export.toString(), "/app/hello", "--param", "who='ops'"), err.toString());
        assertEquals("hello ops\n", out.toString());
        assertEquals(1, run("run", "--import", export.toString(), "/app/missing"));
        assertTrue(err.toString().contains("kompira: no Jobflow object at /app/missing"), err.toString());
    }

    @Test
    void aGitStoreIsInitialisedImportedIntoRunAndExported() throws IOException {
        Path store = dir.resolve("store");
        Path export = write("export.json", String.join("\n",
                "[",
                "  {\"owner\": \"root\", \"fields\": {\"source\": \"| who = 'world' |\\r\\nprint('hello ' + who)\"},",
                "   \"user_permissions\": {}, \"group_permissions\": {}, \"display_name\": \"hello\", \"description\": \"\",",
                "   \"parent_object\": \"user\", \"objpath\": \"user/hello\", \"typepath\": \"system/types/Jobflow\"}",
                "]"));
        assertEquals(0, run("init", "--store", store.toString()), err.toString());
        assertTrue(out.toString().startsWith("initialised " + store + ": "), out.toString());
        assertEquals(0, run("import", "--store", store.toString(), export.toString()), err.toString());
        assertTrue(out.toString().contains(export + ": 1 created, 0 updated, 0 skipped"), out.toString());
        Path flow = write("add.kjf", "[/user.add: 'web01', /system/types/NodeInfo, {hostname = 'web01'}]\n");
        assertEquals(0, run("run", "--store", store.toString(), flow.toString()), err.toString());
        assertEquals(0, run("run", "--store", store.toString(), "/user/hello", "--param", "who=/user/web01.hostname"), err.toString());
        assertTrue(out.toString().endsWith("hello web01\n"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("export", "--store", store.toString(), "/user/web01"), err.toString());
        assertTrue(out.toString().contains("\"hostname\": \"web01\""), out.toString());
        assertTrue(Files.isDirectory(store.resolve(".git")));
    }

    @Test
    void aStoreThatCannotBeReadIsAUserErrorNamingTheFile() throws Exception {
        Path store = dir.resolve("store");
        assertEquals(0, run("init", "--store", store.toString()), err.toString());
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(store.toFile())) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
            Files.writeString(store.resolve("tree/user/.object.json"), "not json");
            git.add().addFilepattern("tree").call();
            git.commit().setMessage("broken").call();
        }
        assertEquals(KompiraCommand.EXIT_TROUBLE, run("export", "--store", store.toString()));
        assertTrue(err.toString().contains("tree/user/.object.json: not valid JSON"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void checkOfAStoreRevisionIsAPullRequestGate() throws IOException {
        Path store = dir.resolve("store");
        assertEquals(0, run("init", "--store", store.toString()), err.toString());
        assertEquals(0, run("check", "--store", store.toString()), out.toString());
        assertTrue(out.toString().contains("jobflows checked: no errors"), out.toString());
        Path flow = write("add.kjf", "[/user.add: 'broken', /system/types/Jobflow, {source = \"print(\"}]\n");
        assertEquals(0, run("run", "--store", store.toString(), flow.toString()), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(1, run("check", "--store", store.toString()));
        assertTrue(out.toString().startsWith("tree/user/broken.kjf:1:7: error: "), out.toString());
        assertEquals(KompiraCommand.EXIT_TROUBLE, run("check"));
        assertTrue(err.toString().contains("check needs PATH... or --store DIR"), err.toString());
    }

    @Test
    void runChecksHostKeysAgainstTheGivenFileAndCanAcceptNewHosts() throws Exception {
        try (dev.kompira.ssh.TestSshServer server = new dev.kompira.ssh.TestSshServer(dir.resolve("host_key"), null)) {
            Path flow = write("remote.kjf", "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = 'ops', __password__ = '"
                    + dev.kompira.ssh.TestSshServer.PASSWORD + "'] -> ['echo remote'] ->> print('status=$STATUS result=$RESULT')\n");
            Path knownHosts = write("known_hosts", "");
            assertEquals(0, run("run", "--known-hosts", knownHosts.toString(), flow.toString()), err.toString());
            assertTrue(out.toString().startsWith("status=-1 result=\n"), out.toString());
            out.getBuffer().setLength(0);

            assertEquals(0, run("run", "--known-hosts", knownHosts.toString(), "--accept-new-hosts", flow.toString()), err.toString());
            assertEquals("status=0 result=remote\n", out.toString());
            assertTrue(Files.readString(knownHosts).startsWith("[127.0.0.1]:" + server.port() + " "), Files.readString(knownHosts));
            out.getBuffer().setLength(0);

            assertEquals(0, run("run", "--known-hosts", knownHosts.toString(), flow.toString()), err.toString());
            assertEquals("status=0 result=remote\n", out.toString(), "the recorded host is known now");
        }
    }
}
