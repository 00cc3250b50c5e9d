package dev.kompira.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.transport.CommandOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobflows whose commands run over SSH, through the engine as a user runs them, against an embedded server. */
class SshJobflowTest {

    @TempDir
    Path dir;
    private TestSshServer server;
    private Kompira engine;
    private final StringBuilder console = new StringBuilder();

    @BeforeEach
    void start() throws Exception {
        server = new TestSshServer(dir.resolve("host_key"), null);
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine());
        engine = Kompira.builder().transport(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts))).showCommands(true)
                .console((pid, text) -> console.append(text)).build();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        server.close();
    }

    /** The control variables that log in to the server, then {@code ->} and a line break. */
    private String login(String user) {
        return "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = '" + user + "', __password__ = '"
                + TestSshServer.PASSWORD + "'] ->\n";
    }

    private JobflowProcess start(String flow) throws Exception {
        return engine.start(engine.compile("remote.kjf", flow), Map.of());
    }

    /** Runs {@code flow}, which must end DONE; returns its console without the show-commands lines. */
    private String run(String flow) throws Exception {
        console.setLength(0);
        ProcessOutcome outcome = start(flow).await();
        assertTrue(outcome.isDone(), outcome + "\n" + console);
        return console.toString().replaceAll("(?m)^\\[[^]\n]*\\][$#] .*\n", "");
    }

    @Test
    void aFlowRunsRemoteCommandsAndALoginFailureIsStatusMinusOneForTheContinuingConnectors() throws Exception {
        run(login("ops")
                + "['echo one; echo two'] -> print($RESULT) ->\n"
                + "['exit 5'] =>> print('status=$STATUS') ->\n"
                + "[__password__ = 'wrong'] -> ['echo never'] ->> print('status=$STATUS error=$ERROR')");
        assertEquals(String.join("\n",
                "[ops@127.0.0.1]$ echo one; echo two",
                "one\ntwo",
                "[ops@127.0.0.1]$ exit 5",
                "status=5",
                "[ops@127.0.0.1]$ echo never",
                "status=-1 error=authentication failed for ops@127.0.0.1:" + server.port() + " (password)",
                ""), console.toString());
    }

    @Test
    void aScriptJobRunsOnTheRemoteHostFromAPrivateCopyThatIsRemovedAfterwards() throws Exception {
        String[] lines = run("[./.add: 'report', /system/types/ScriptJob, {source = '#!/bin/sh\\necho \"$0 $1\"; tr a-z A-Z', ext = 'sh'}] ->\n"
                + login("ops") + "[./report << 'from stdin' : 'first arg'] -> print($RESULT)").split("\n");
        assertTrue(lines[0].matches("/tmp/kompira-remote-kompira-script-\\d+\\.sh first arg"), String.join("\n", lines));
        assertEquals("FROM STDIN", lines[1]);
        String copy = lines[0].substring(0, lines[0].indexOf(' '));
        assertTrue(Files.notExists(Path.of(copy)), "the remote copy " + copy + " is removed before the job ends");
    }

    @Test
    void rebootWaitsForTheHostToGoDownAndComeBackAndTimesOutWhenItDoesNot() throws Exception {
        server.simulateReboots(Duration.ofMillis(1500));
        long start = System.nanoTime();
        assertEquals("before\nstatus=0\nafter\n", run(login("ops")
                + "['echo before'] -> print($RESULT) -> reboot(wait=30) -> print('status=$STATUS') -> ['echo after'] -> print($RESULT)"));
        assertEquals(1, server.reboots());
        assertTrue(System.nanoTime() - start > 1_500_000_000L, "it waited for the downtime");

        server.simulateReboots(Duration.ofSeconds(30));
        assertEquals("status=-1 error=reboot: host did not come back within 1.5 seconds\n",
                run(login("ops") + "reboot(wait=1.5) ->> print('status=$STATUS error=$ERROR')"));
    }

    @Test
    void anUnknownUserUndecodableOutputAndATerminatedFlowEachEndAsDocumented() throws Exception {
        assertEquals("status=-1 error=authentication failed for nobody-here@127.0.0.1:" + server.port() + " (password)\n"
                + "status=-1 error=" + CommandOutput.undecodableMessage("utf-8") + "\n",
                run(login("nobody-here") + "['true'] ->> print('status=$STATUS error=$ERROR') ->\n"
                        + login("ops") + "['printf \"\\\\377\\\\376\"'] ->> print('status=$STATUS error=$ERROR')"));

        JobflowProcess sleeper = start(login("ops") + "['sleep 300 # kompira-terminate-test']");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!runningHere("kompira-terminate-test")) {
            assertTrue(System.nanoTime() < deadline, "the remote command started");
            Thread.sleep(20);
        }
        sleeper.terminate();
        sleeper.await();
        while (runningHere("kompira-terminate-test")) {
            assertTrue(System.nanoTime() < deadline, "terminating the flow killed the remote command");
            Thread.sleep(20);
        }
    }

    @Test
    void aCopyOverItsTimeoutIsAbandonedWithStatusMinusOne() throws Exception {
        Path big = dir.resolve("big.bin");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        long start = System.nanoTime();
        assertEquals("status=-1 error=put timed out after 0.3 seconds\n", run(login("ops")
                + "[__timeout__ = 0.3] -> put('" + big + "', '" + dir.resolve("copy.bin") + "') ->> print('status=$STATUS error=$ERROR')"));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "the job ended near its timeout");
    }

    @Test
    void aSessionOnTheRemoteHostDeliversItsOutputLineByLineAndClosesWithTheBlock() throws Exception {
        assertEquals("got: hello from ops\nprompt seen\nstatus=0 unread=[tail]\n", run(login("ops") + String.join("\n",
                "{ session sh |",
                "    [sh.send: 'echo hello from ops\\n'] -> <sh> -> print('got: $RESULT') ->",
                "    [sh.send: 'printf \"password: \"\\n'] -> <sh ?? 'password: ' : timeout=5> -> print('prompt seen') ->",
                "    [sh.send: 'echo tail\\n'] -> sleep(0.5)",
                "} -> print('status=$STATUS unread=[' + $RESULT.data + ']')")));
        assertEquals("status=-1\n", run("[__host__ = '127.0.0.1', __port__ = " + server.port()
                + ", __user__ = 'ops', __password__ = 'wrong'] -> { session sh | print('never') } ->> print('status=$STATUS')"));
    }

    /** Whether a process of this machine (where the embedded server runs its commands) has {@code text} in its command line. */
    private static boolean runningHere(String text) {
        return java.lang.ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(text));
    }
}
