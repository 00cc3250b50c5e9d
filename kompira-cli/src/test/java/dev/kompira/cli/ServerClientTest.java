package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessState;
import dev.kompira.server.KompiraServer;
import dev.kompira.server.Role;
import dev.kompira.server.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * kompira ps|start|console|suspend|resume|terminate --server URL against a real server on a free
 * loopback port, each command run in-process through picocli.
 */
class ServerClientTest {

    @TempDir
    Path dir;

    private Kompira engine;
    private KompiraServer server;
    private String url;
    private Path operatorFile;
    private Path viewerFile;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void serve() throws Exception {
        engine = Kompira.builder().build();
        engine.objects().create("/box", "Channel", Map.of());
        engine.objects().createJobflow("/greet", "| who = 'nobody' |\n| n = 0 |\nprint('hello', who, n) -> exit(n, 'by request')");
        engine.objects().createJobflow("/slow", "print('one') -> sleep(0.3) -> print('two') -> sleep(0.3) -> print('three')");
        engine.objects().createJobflow("/waiter", "</box> -> print('got ' + $RESULT)");
        TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
        operatorFile = Files.writeString(dir.resolve("operator.token"), tokens.create("ci", Role.OPERATOR) + "\n");
        viewerFile = Files.writeString(dir.resolve("viewer.token"), tokens.create("watcher", Role.VIEWER));
        server = KompiraServer.builder().engine(engine).tokens(tokens).listen(new InetSocketAddress("127.0.0.1", 0))
                .followInterval(java.time.Duration.ofMillis(20)).build().start();
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private int runAs(Path tokenFile, String command, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = command;
        all[1] = "--server";
        all[2] = url;
        all[3] = "--token-file";
        all[4] = tokenFile.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return run(all);
    }

    private JobflowProcess process(long pid) {
        return engine.process(pid).orElseThrow();
    }

    @Test
    void startPassesStringAndJsonParametersAndWaitExitsWithTheFlowsStatus() throws Exception {
        assertEquals(0, runAs(operatorFile, "start", "/greet", "who=world", "n:=0"), err.toString());
        long pid = Long.parseLong(out.toString().strip());
        process(pid).await();
        assertEquals("hello world 0\n", process(pid).console());

        assertEquals(3, runAs(operatorFile, "start", "--wait", "/greet", "n:=3"), err.toString());
        long waited = Long.parseLong(out.toString().strip());
        assertTrue(process(waited).state().isFinished(), "--wait returns once the process has ended");
        assertEquals(0, runAs(operatorFile, "start", "--wait", "/greet", "who=0"), err.toString());
        assertEquals(1, runAs(operatorFile, "start", "--wait", "/greet", "n:=256"), "a status that is 0 modulo 256 stays non-zero");

        assertEquals(2, runAs(operatorFile, "start", "/greet", "n:=[1,"));
        assertTrue(err.toString().startsWith("kompira: parameter n: not JSON"), err.toString());
        assertEquals(2, runAs(operatorFile, "start", "/greet", "who"));
        assertEquals("kompira: a parameter is NAME=VALUE or NAME:=JSON, got 'who'", err.toString().strip());
        assertEquals(2, runAs(operatorFile, "start", "/nothing"));
        assertEquals("kompira: the server refused (404): no Jobflow object at /nothing", err.toString().strip());
        assertEquals(2, runAs(viewerFile, "start", "/greet"));
        assertTrue(err.toString().startsWith("kompira: the server refused (403): token 'watcher' is a viewer token"), err.toString());
    }

    @Test
    void consoleFollowStreamsUntilTheEndAndExitsWithTheStatus() throws Exception {
        assertEquals(0, runAs(operatorFile, "start", "/slow"), err.toString());
        long pid = Long.parseLong(out.toString().strip());
        assertEquals(0, runAs(viewerFile, "console", "--follow", String.valueOf(pid)), err.toString());
        assertEquals("one\ntwo\nthree\n", out.toString());
        assertTrue(process(pid).state().isFinished());
        assertEquals(0, runAs(viewerFile, "console", String.valueOf(pid)), err.toString());
        assertEquals("one\ntwo\nthree\n", out.toString());

        assertEquals(0, runAs(operatorFile, "start", "/greet", "n:=7"), err.toString());
        long failing = Long.parseLong(out.toString().strip());
        assertEquals(7, runAs(viewerFile, "console", "-f", String.valueOf(failing)), err.toString());
        assertEquals("hello nobody 7\n", out.toString());
        assertEquals(2, runAs(viewerFile, "console", "999"));
        assertEquals("kompira: the server refused (404): no process 999", err.toString().strip());
    }

    @Test
    void psListsTheServersProcessesWithItsFilters() throws Exception {
        assertEquals(0, runAs(operatorFile, "start", "/waiter"), err.toString());
        long waiting = Long.parseLong(out.toString().strip());
        assertEquals(0, runAs(operatorFile, "start", "--wait", "/greet"), err.toString());
        long done = Long.parseLong(out.toString().strip());
        awaitState(waiting, ProcessState.WAITING);

        assertEquals(0, runAs(viewerFile, "ps"), err.toString());
        String[] lines = out.toString().split("\\R");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].matches("PID +PARENT +JOBFLOW +STATE +EXIT +STARTED +INVOKER"), lines[0]);
        assertTrue(lines[1].matches(waiting + " +- +/waiter +WAITING +- +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +ci"), lines[1]);
        assertTrue(lines[2].matches(done + " +- +/greet +DONE +0 +.* +ci"), lines[2]);

        assertEquals(0, runAs(viewerFile, "ps", "--state", "done"), err.toString());
        assertEquals(2, out.toString().split("\\R").length, out.toString());
        assertTrue(out.toString().contains("/greet"));
        assertEquals(0, runAs(viewerFile, "ps", "--jobflow", "/waiter", "--started-after", "2000-01-01T00:00:00Z"), err.toString());
        assertEquals(2, out.toString().split("\\R").length, out.toString());
        assertTrue(out.toString().contains("/waiter"));
        assertEquals(2, runAs(viewerFile, "ps", "--state", "sleeping"));
        assertTrue(err.toString().startsWith("kompira: the server refused (400): unknown state 'sleeping'"), err.toString());

        assertEquals(2, runAs(viewerFile, "ps", "--store", dir.toString()));
        assertEquals("kompira: kompira ps needs one of --checkpoints DIR, --store DIR or --server URL", err.toString().strip());
        assertEquals(2, run("ps", "--checkpoints", dir.toString(), "--state", "DONE"));
        assertTrue(err.toString().contains("filter the processes of --server URL"), err.toString());
    }

    @Test
    void suspendResumeAndTerminateAProcess() throws Exception {
        assertEquals(0, runAs(operatorFile, "start", "/waiter"), err.toString());
        String pid = out.toString().strip();
        awaitState(Long.parseLong(pid), ProcessState.WAITING);
        assertEquals(0, runAs(operatorFile, "suspend", pid), err.toString());
        assertEquals(pid + "\tSUSPENDED", out.toString().strip());
        assertTrue(process(Long.parseLong(pid)).isSuspended());
        assertEquals(2, runAs(operatorFile, "suspend", pid));
        assertTrue(err.toString().startsWith("kompira: the server refused (409): process " + pid + " is suspended"), err.toString());
        assertEquals(0, runAs(operatorFile, "resume", pid), err.toString());
        assertEquals(pid + "\tWAITING", out.toString().strip());
        assertEquals(2, runAs(viewerFile, "terminate", pid));
        assertFalse(process(Long.parseLong(pid)).state().isFinished(), "a refused request changes nothing");
        assertEquals(0, runAs(operatorFile, "terminate", pid), err.toString());
        process(Long.parseLong(pid)).await();
        assertTrue(process(Long.parseLong(pid)).state().isFinished());
        assertEquals(2, runAs(operatorFile, "terminate", pid));
        assertTrue(err.toString().contains("(409)"), err.toString());
    }

    @Test
    void tokenAndConnectionProblemsAreOneClearLine() throws Exception {
        CommandLine commandLine = KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        StartCommand start = commandLine.getSubcommands().get("start").getCommand();
        start.server.environment = Map.of("KOMPIRA_TOKEN", Files.readString(operatorFile).strip());
        assertEquals(0, commandLine.execute("start", "--server", url + "/api/v1/", "/greet"), err.toString());
        assertTrue(out.toString().strip().matches("\\d+"), out.toString());

        Path forged = Files.writeString(dir.resolve("forged.token"), "kmp_forged");
        assertEquals(2, runAs(forged, "ps"));
        assertEquals("kompira: the server refused the token (401): the token is not valid (unknown or revoked); "
                + "check KOMPIRA_TOKEN or --token-file", err.toString().strip());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        assertEquals(2, run("console", "--server", nowhere, "--token-file", viewerFile.toString(), "--follow", "1"));
        assertEquals("kompira: cannot reach " + nowhere + ": connection refused; is kompira serve running there?",
                err.toString().strip());
        assertEquals(2, run("suspend", "--token-file", viewerFile.toString(), "1"));
        assertTrue(err.toString().startsWith("kompira: this command needs --server URL"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    private void awaitState(long pid, ProcessState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (process(pid).state() != state) {
            assertTrue(System.nanoTime() < deadline, "process " + pid + " is " + process(pid).state() + ", not " + state);
            Thread.sleep(5);
        }
    }
}
