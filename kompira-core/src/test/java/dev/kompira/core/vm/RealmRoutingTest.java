package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which realm runs a command (objects.md §4.15), seen from jobflows: the engine hands commands to a
 * {@link RealmTransport} that answers with the realm and host it was given, standing in for job managers.
 */
class RealmRoutingTest {

    /** Answers each command with "realm host" instead of running it; records what it was given. */
    private static final class Answering implements RealmTransport {
        final List<String> seen = new CopyOnWriteArrayList<>();
        boolean closed;

        @Override
        public CompletionStage<CommandResult> execute(String realm, CommandRequest request) {
            String line = realm + " " + request.target().host() + " " + request.command();
            seen.add(line);
            return CompletableFuture.completedFuture(new CommandResult.Completed(0, (line + "\n").getBytes(StandardCharsets.UTF_8),
                    new byte[0]));
        }

        @Override
        public CompletionStage<TransferResult> transfer(String realm, TransferRequest request) {
            String line = realm + " " + request.target().host() + " " + request.job() + " " + request.source() + " "
                    + request.destination();
            seen.add(line);
            return CompletableFuture.completedFuture(new TransferResult.Done(List.of(line)));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final Answering jobManagers = new Answering();
    private final StringBuilder console = new StringBuilder();
    private final Kompira engine = Kompira.builder().jobManagers(jobManagers).console((pid, text) -> console.append(text)).build();

    @AfterEach
    void close() {
        engine.close();
        assertTrue(jobManagers.closed, "the engine did not close its job managers' transport");
    }

    private String run(String flow) throws Exception {
        ProcessOutcome outcome = engine.start(engine.compile("realms.kjf", flow), Map.of()).await();
        assertTrue(outcome.isDone(), outcome + "\n" + console);
        return console.toString();
    }

    private static final String REALMS = "[/config/realms.add: 'lab', /system/types/Realm, {range = ['lab-*', '10.1.*']}] ->\n"
            + "[/config/realms.add: 'dmz', /system/types/Realm, {range = ['*'], disabled = true}] ->\n"
            + "[/config/realms.add: 'edge', /system/types/Realm, {range = ['LAB-9', 'edge.example.com']}] ->\n";

    @Test
    void theFirstEnabledRealmWhoseRangeMatchesTheHostRunsTheCommandAndDefaultTakesTheRest() throws Exception {
        run(REALMS
                + "[__host__ = 'lab-7'] -> ['hostname'] -> print($RESULT) ->\n"
                + "[__host__ = '10.1.2.3'] -> ['hostname'] -> print($RESULT) ->\n"
                + "[__host__ = 'lab-9'] -> ['hostname'] -> print($RESULT) ->\n"
                + "[__host__ = 'Edge.Example.COM'] -> ['hostname'] -> print($RESULT) ->\n"
                + "[__host__ = '10.2.0.1'] -> ['hostname'] -> print($RESULT)");
        assertEquals(String.join("\n", "lab lab-7 hostname", "lab 10.1.2.3 hostname", "lab lab-9 hostname",
                "edge Edge.Example.COM hostname", "default 10.2.0.1 hostname", ""), console.toString());
    }

    @Test
    void realmChoosesTheRealmAndAHostlessCommandGoesToAJobManagerOnlyWhenItIsSet() throws Exception {
        run(REALMS + "[__host__ = 'lab-7', __realm__ = 'edge'] -> ['uname'] -> print($RESULT)");
        run("[__realm__ = /config/realms/lab] -> ['uname'] -> print($RESULT)");
        run("['echo on the engine'] -> print($RESULT)");
        assertEquals(String.join("\n", "edge lab-7 uname", "lab null uname", "on the engine", ""), console.toString());
        assertEquals(2, jobManagers.seen.size());
    }

    @Test
    void putGetScriptJobsAndRebootGoToTheJobManagersOfTheHostsRealm() throws Exception {
        run(REALMS
                + "[./.add: 'script', /system/types/ScriptJob, {source = 'echo hi', ext = 'sh'}] ->\n"
                + "[__host__ = 'lab-7'] -> put('a.txt', '/tmp/a.txt') -> print($RESULT) ->\n"
                + "[__host__ = '10.2.0.1'] -> get('/etc/hosts', 'hosts') -> print($RESULT) ->\n"
                + "[__host__ = 'lab-7'] -> [./script] -> reboot(wait=0.1) ->> print($ERROR)");
        assertEquals("['lab lab-7 put a.txt /tmp/a.txt']", console.toString().lines().toList().get(0));
        assertEquals("['default 10.2.0.1 get /etc/hosts hosts']", console.toString().lines().toList().get(1));
        List<String> script = jobManagers.seen.subList(2, 5);
        assertTrue(script.get(0).matches("lab lab-7 put \\S+kompira-script-\\d+\\.sh /tmp/kompira-remote-kompira-script-\\d+\\.sh"),
                script.toString());
        assertTrue(script.get(1).startsWith("lab lab-7 '/tmp/kompira-remote-kompira-script-"), script.toString());
        assertTrue(script.get(2).startsWith("lab lab-7 rm -f '/tmp/kompira-remote-kompira-script-"), script.toString());
        assertEquals("lab lab-7 reboot", jobManagers.seen.get(5));
    }

    @Test
    void aHostNoEnabledRealmServesFailsTheCommandWithStatusMinusOne() throws Exception {
        run("[/config/realms/default.update: disabled = true] ->\n"
                + "[/config/realms.add: 'lab', /system/types/Realm, {range = ['lab-*']}] ->\n"
                + "[__host__ = 'web01'] -> ['hostname'] ->> print($STATUS, $ERROR) ->\n"
                + "[__host__ = 'lab-1'] -> ['hostname'] -> print($RESULT)");
        assertEquals("-1 no enabled realm of /config/realms serves host 'web01'\nlab lab-1 hostname\n", console.toString());
    }

    @Test
    void realmNamingNoRealmOrADisabledOneIsAControlError() throws Exception {
        run(REALMS + "print('ready')");
        assertEquals("__realm__ 'nowhere' is not a realm of /config/realms", failure("[__realm__ = 'nowhere'] -> ['hostname']"));
        assertEquals("__realm__ names the disabled realm /config/realms/dmz", failure("[__realm__ = 'dmz'] -> ['hostname']"));
        assertEquals("__realm__ must be a Realm object or its name, got /system (a Directory)",
                failure("[__realm__ = /system] -> ['hostname']"));
        assertTrue(jobManagers.seen.isEmpty());
    }

    /** Runs {@code flow}, which must fail with R-CONTROL; returns the message. */
    private String failure(String flow) throws Exception {
        ProcessOutcome outcome = engine.start(engine.compile("realms.kjf", flow), Map.of()).await();
        assertEquals("R_CONTROL", outcome.failure().code().name(), outcome.toString());
        return outcome.failure().message();
    }

    @Test
    void rangesMatchWithWildcardsAndWithoutRegardToCase() {
        assertTrue(Realms.matches("*", "anything"));
        assertTrue(Realms.matches("web*.example.com", "WEB01.example.com"));
        assertTrue(Realms.matches("10.*.1", "10.20.30.1"));
        assertFalse(Realms.matches("10.*.1", "10.20.30.12"));
        assertFalse(Realms.matches("web.example.com", "webXexample.com"), "a dot is no wildcard");
        assertFalse(Realms.matches("lab-*", "xlab-1"));
    }
}
