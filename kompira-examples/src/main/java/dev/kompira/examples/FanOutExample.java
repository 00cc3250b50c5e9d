package dev.kompira.examples;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.ssh.SshOptions;
import dev.kompira.ssh.SshTransport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fans a flow out over SSH: NodeInfo objects under {@code /nodes} share one AccountInfo, and a
 * {@code pfor} runs a command on every node at once; a node that cannot be reached is reported, not
 * fatal ({@code ->>}). Run it with
 * {@code java -cp ... dev.kompira.examples.FanOutExample KNOWN_HOSTS USER PASSWORD PORT...}
 * against sshd instances on this machine.
 */
public final class FanOutExample {

    /** Adds the account and one NodeInfo per port (on this machine). */
    static final String SETUP = String.join("\n",
            "| ports = [] |", "| user = '' |", "| password = '' |",
            "[/.add: 'nodes', /system/types/Directory] ->",
            "[/.add: 'ops', /system/types/AccountInfo, {user = user, password = password}] ->",
            "{ for p in ports | [/nodes.add: 'node$p', /system/types/NodeInfo, {hostname = '127.0.0.1', port = p, account = /ops}] }");

    /** The fan-out: every node at once, each reporting its answer or why it could not be reached. */
    static final String FLOW = String.join("\n",
            "{ pfor node in /nodes |",
            "    [__node__ = node] ->",
            "    ['echo up since $(uptime -s 2>/dev/null || echo boot)'] ->>",
            "    { if $STATUS == -1 | then: print(node.name + ': unreachable: ' + $ERROR) else: print(node.name + ': ok') }",
            "}");

    private FanOutExample() {
    }

    /** Creates the nodes for {@code ports}, runs the fan-out and returns its outcome; the console goes to {@code out}. */
    public static ProcessOutcome run(Path knownHosts, String user, String password, List<Integer> ports, PrintStream out)
            throws Exception {
        try (Kompira engine = Kompira.builder().transport(new SshTransport(SshOptions.defaults().withKnownHosts(knownHosts)))
                .console((pid, text) -> out.print(text)).build()) {
            List<Value> portValues = ports.stream().map(p -> (Value) IntegerValue.of(p)).toList();
            ProcessOutcome setup = engine.start(engine.compile("setup.kjf", SETUP), Map.of("ports", new ArrayValue(portValues),
                    "user", StringValue.of(user), "password", StringValue.of(password))).await();
            if (!setup.isDone()) {
                throw new IllegalStateException("the nodes could not be created: " + setup);
            }
            return engine.start(engine.compile("fan-out.kjf", FLOW), Map.of()).await();
        }
    }

    /**
     * Entry point.
     *
     * @param args the known_hosts file, the user, the password, and the sshd ports
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: FanOutExample KNOWN_HOSTS USER PASSWORD PORT...");
        }
        List<Integer> ports = List.of(args).subList(3, args.length).stream().map(Integer::valueOf).toList();
        ProcessOutcome outcome = run(Path.of(args[0]), args[1], args[2], ports, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (!outcome.isDone()) {
            throw new IllegalStateException("the fan-out ended " + outcome.state());
        }
    }
}
