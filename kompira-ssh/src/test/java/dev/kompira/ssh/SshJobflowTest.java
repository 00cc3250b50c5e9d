package dev.kompira.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobflows whose commands run over SSH, through the engine as a user runs them. */
class SshJobflowTest {

    @TempDir
    Path dir;

    @Test
    void aFlowRunsRemoteCommandsAndALoginFailureIsStatusMinusOneForTheContinuingConnectors() throws Exception {
        try (TestSshServer server = new TestSshServer(dir.resolve("host_key"), null)) {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine());
            StringBuilder console = new StringBuilder();
            try (SshTransport ssh = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts));
                    Kompira engine = Kompira.builder().transport(ssh).showCommands(true)
                            .console((pid, text) -> console.append(text)).build()) {
                String flow = String.join("\n",
                        "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = 'ops', __password__ = '"
                                + TestSshServer.PASSWORD + "'] ->",
                        "['echo one; echo two'] -> print($RESULT) ->",
                        "['exit 5'] =>> print('status=$STATUS') ->",
                        "[__password__ = 'wrong'] -> ['echo never'] ->> print('status=$STATUS error=$ERROR')");
                ProcessOutcome outcome = engine.start(engine.compile("remote.kjf", flow), Map.of()).await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
                assertEquals(String.join("\n",
                        "[ops@127.0.0.1]$ echo one; echo two",
                        "one\ntwo",
                        "[ops@127.0.0.1]$ exit 5",
                        "status=5",
                        "[ops@127.0.0.1]$ echo never",
                        "status=-1 error=authentication failed for ops@127.0.0.1:" + server.port() + " (password)",
                        ""), console.toString());
            }
        }
    }

    @Test
    void aScriptJobRunsOnTheRemoteHostFromAPrivateCopyThatIsRemovedAfterwards() throws Exception {
        try (TestSshServer server = new TestSshServer(dir.resolve("host_key"), null)) {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine());
            StringBuilder console = new StringBuilder();
            try (SshTransport ssh = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts));
                    Kompira engine = Kompira.builder().transport(ssh).console((pid, text) -> console.append(text)).build()) {
                String flow = String.join("\n",
                        "[./.add: 'report', /system/types/ScriptJob, {source = '#!/bin/sh\\necho \"$0 $1\"; tr a-z A-Z', ext = 'sh'}] ->",
                        "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = 'ops', __password__ = '"
                                + TestSshServer.PASSWORD + "'] ->",
                        "[./report << 'from stdin' : 'first arg'] -> print($RESULT)");
                ProcessOutcome outcome = engine.start(engine.compile("script.kjf", flow), Map.of()).await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
            }
            String[] lines = console.toString().split("\n");
            assertTrue(lines[0].matches("/tmp/kompira-remote-kompira-script-\\d+\\.sh first arg"), console.toString());
            assertEquals("FROM STDIN", lines[1]);
            String copy = lines[0].substring(0, lines[0].indexOf(' '));
            assertTrue(Files.notExists(Path.of(copy)), "the remote copy " + copy + " is removed before the job ends");
        }
    }

    @Test
    void rebootWaitsForTheHostToGoDownAndComeBackAndTimesOutWhenItDoesNot() throws Exception {
        try (TestSshServer server = new TestSshServer(dir.resolve("host_key"), null)) {
            server.simulateReboots(java.time.Duration.ofMillis(1500));
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine());
            StringBuilder console = new StringBuilder();
            try (SshTransport ssh = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts));
                    Kompira engine = Kompira.builder().transport(ssh).console((pid, text) -> console.append(text)).build()) {
                String login = "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __user__ = 'ops', __password__ = '"
                        + TestSshServer.PASSWORD + "'] ->\n";
                long start = System.nanoTime();
                ProcessOutcome outcome = engine.start(engine.compile("reboot.kjf", login
                        + "['echo before'] -> print($RESULT) -> reboot(wait=30) -> print('status=$STATUS') -> ['echo after'] -> print($RESULT)"),
                        Map.of()).await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
                assertEquals("before\nstatus=0\nafter\n", console.toString());
                assertEquals(1, server.reboots());
                assertTrue(System.nanoTime() - start > 1_500_000_000L, "it waited for the downtime");

                server.simulateReboots(java.time.Duration.ofSeconds(30));
                console.setLength(0);
                outcome = engine.start(engine.compile("late.kjf", login + "reboot(wait=1.5) ->> print('status=$STATUS error=$ERROR')"),
                        Map.of()).await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
                assertEquals("status=-1 error=reboot: host did not come back within 1.5 seconds\n", console.toString());
            }
        }
    }

    @Test
    void anUnknownUserUndecodableOutputAndATerminatedFlowEachEndAsDocumented() throws Exception {
        try (TestSshServer server = new TestSshServer(dir.resolve("host_key"), null)) {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine());
            StringBuilder console = new StringBuilder();
            try (SshTransport ssh = new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts));
                    Kompira engine = Kompira.builder().transport(ssh).console((pid, text) -> console.append(text)).build()) {
                String login = "[__host__ = '127.0.0.1', __port__ = " + server.port() + ", __password__ = '" + TestSshServer.PASSWORD + "'] ->\n";
                ProcessOutcome outcome = engine.start(engine.compile("faults.kjf", login
                        + "[__user__ = 'nobody-here'] -> ['true'] ->> print('status=$STATUS error=$ERROR') ->\n"
                        + "[__user__ = 'ops'] -> ['printf \"\\\\377\\\\376\"'] ->> print('status=$STATUS error=$ERROR')"), Map.of()).await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
                assertEquals("status=-1 error=authentication failed for nobody-here@127.0.0.1:" + server.port() + " (password)\n"
                        + "status=-1 error=" + dev.kompira.core.transport.CommandOutput.undecodableMessage("utf-8") + "\n",
                        console.toString());

                var sleeper = engine.start(engine.compile("sleeper.kjf", login + "[__user__ = 'ops'] -> ['sleep 300 # kompira-terminate-test']"),
                        Map.of());
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
        }
    }

    /** Whether a process of this machine (where the embedded server runs its commands) has {@code text} in its command line. */
    private static boolean runningHere(String text) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(text));
    }
}
