package dev.kompira.core.vm;

import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.transport.CommandOutput;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.Encodings;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Command jobs (language.md §8.2.3): the one place where control variables become a
 * {@link CommandRequest} (D57, D58, D68) and where a {@link CommandResult} becomes the status
 * variables (D71, D72, §14.4) and console output (D73).
 */
final class Commands {

    private Commands() {
    }

    /** Starts {@code command} and parks the process until it has ended. */
    static void run(Machine m, FlowFrame f, String command, Value input, Slot[] controls) {
        run(m, f, command, input, controls, null, () -> { });
    }

    /**
     * Runs {@code command} like {@link #run(Machine, FlowFrame, String, Value, Slot[])}; with a
     * {@code script}, {@code command} is the script's quoted arguments, and the script's text is placed
     * in a temporary file on the target that runs with them and is deleted afterwards (D74).
     * {@code ended} runs when the job's outcome is set, whether the command ran or not.
     */
    static void run(Machine m, FlowFrame f, String command, Value input, Slot[] controls, ScriptFile.Script script,
            Runnable ended) {
        Map<String, Value> local = new HashMap<>();
        Map<String, Value> env = new HashMap<>();
        Map<String, Value> vars = controlValues(m, f, controls, local, env);
        Encodings.Encoding encoding = encoding(vars.get("__encoding__"));
        boolean rawStdout = flag(vars, "__raw_stdout__", false);
        boolean rawStderr = flag(vars, "__raw_stderr__", false);
        ConnectionResolver.Resolved connection = m.resolveConnection(local, env);
        CommandRequest request = request(vars, connection, command, input, encoding.charset());
        CommandLine.checkControl(request);
        Optional<String> tooLong = CommandLine.tooLong(script == null ? command : script.text() + command);
        if (tooLong.isPresent()) {
            unreachable(f.invocation, tooLong.get());
            ended.run();
            return;
        }
        Transport transport = transportFor(m, f, vars, request.target());
        if (transport == null) {
            ended.run();
            return;
        }
        Value timeout = vars.get("__timeout__");
        // at a job manager even a local target is another machine: the script travels as a put
        boolean remoteScript = script != null && (!request.target().conntype().equals("local") || transport instanceof AtRealm);
        Runnable perform = () -> {
            ScriptFile file = script == null ? null : ScriptFile.write(script);
            CompletionStage<CommandResult> running;
            if (remoteScript) {
                // removes the local file and the remote copy itself
                m.echoCommand(RemoteScript.command(file, request));
                running = RemoteScript.run(transport, file, request);
            } else {
                CommandRequest toRun = file == null ? request : file.request(request);
                m.echoCommand(toRun);
                running = transport.execute(toRun);
            }
            m.park(running, (machine, result) -> {
                if (file != null && !remoteScript) {
                    file.delete();
                }
                complete(machine, f.invocation, result, encoding, rawStdout, rawStderr, timeout);
                ended.run();
            });
        };
        if (m.isStepMode()) {
            m.step(CommandLine.consoleLine(request.target(), request.sudo(), request.command()), perform);
        } else {
            perform.run();
        }
    }

    /**
     * The transport of a remote job (command, ScriptJob, {@code put}/{@code get}, {@code reboot}) for
     * {@code target}: the job managers of its realm when the engine has job managers and the job names
     * a host or {@code __realm__} (J201, J222), else the engine's own transport for the connection type.
     * Returns null when the job has already ended ({@code $STATUS = -1}: no realm serves the host, or no
     * transport the connection type).
     */
    static Transport transportFor(Machine m, FlowFrame f, Map<String, Value> vars, dev.kompira.core.transport.Target target) {
        Value realmVariable = vars.get("__realm__");
        RealmTransport jobManagers = m.services().jobManagers();
        if (jobManagers != null && (target.host() != null || Realms.isSet(realmVariable))) {
            Optional<String> realm = m.realmOf(realmVariable, target.host());
            if (realm.isEmpty()) {
                unreachable(f.invocation, Realms.noRealm(target.host()));
                return null;
            }
            return new AtRealm(jobManagers, realm.get());
        }
        return m.transportFor(target.conntype(), f.invocation);
    }

    /** The job managers of one realm (objects.md §4.15) in the place of a transport. */
    private record AtRealm(RealmTransport jobManagers, String realm) implements Transport {

        @Override
        public boolean supports(String conntype) {
            return true;
        }

        @Override
        public CompletionStage<CommandResult> execute(CommandRequest request) {
            return jobManagers.execute(realm, request);
        }

        @Override
        public CompletionStage<dev.kompira.core.transport.TransferResult> transfer(dev.kompira.core.transport.TransferRequest request) {
            return jobManagers.transfer(realm, request);
        }

        @Override
        public void close() {
            // the engine closes its job managers' transport itself
        }
    }

    /** The control variables in effect for a job, and the connection they select. */
    record Controls(Map<String, Value> vars, ConnectionResolver.Resolved connection) {
    }

    /** Resolves the control variables of {@code controls} for a job other than a command (put, get). */
    static Controls controls(Machine m, FlowFrame f, Slot[] controls) {
        Map<String, Value> local = new HashMap<>();
        Map<String, Value> env = new HashMap<>();
        Map<String, Value> vars = controlValues(m, f, controls, local, env);
        return new Controls(vars, m.resolveConnection(local, env));
    }

    /** The control variables of {@code controls} in effect for a job that selects no host (upload, download). */
    static Map<String, Value> values(Machine m, FlowFrame f, Slot[] controls) {
        return controlValues(m, f, controls, new HashMap<>(), new HashMap<>());
    }

    /**
     * Collects the control variables (D57): into {@code local} those defined in scope (a null value
     * meaning "none"), into {@code env} the {@code $ENV} entries; returns the effective values.
     */
    private static Map<String, Value> controlValues(Machine m, FlowFrame f, Slot[] controls, Map<String, Value> local,
            Map<String, Value> env) {
        Map<String, Value> vars = new HashMap<>();
        for (Slot slot : controls) {
            Value defined = f.scope.up(slot.hops()).slots[slot.index()];
            Value fromEnv = m.environmentControl(slot.name());
            if (defined != null) {
                local.put(slot.name(), defined);
            }
            if (fromEnv != NullValue.NULL) {
                env.put(slot.name(), fromEnv);
            }
            Value v = defined != null ? defined : fromEnv;
            if (v != NullValue.NULL) {
                vars.put(slot.name(), v);
            }
        }
        return vars;
    }

    private static CommandRequest request(Map<String, Value> vars, ConnectionResolver.Resolved connection, String command,
            Value input, Charset encoding) {
        return new CommandRequest(connection.target(), command, connection.useShell(), connection.shell(),
                text(vars, "__dir__"), flag(vars, "__sudo__", false), flag(vars, "__use_pty__", false),
                flag(vars, "__use_cache__", true), stdin(input, encoding),
                timeout(vars.get("__timeout__")), encoding);
    }

    static String text(Map<String, Value> vars, String name) {
        Value v = vars.get(name);
        return v == null ? null : Rendering.text(v);
    }

    static boolean flag(Map<String, Value> vars, String name, boolean otherwise) {
        Value v = vars.get(name);
        return v == null ? otherwise : v.truthy();
    }

    /** Standard input per D69: a String encoded, a Binary as is, anything else as its text form. */
    private static byte[] stdin(Value input, Charset encoding) {
        if (input == null) {
            return new byte[0];
        }
        if (input instanceof BinaryValue b) {
            return b.bytes();
        }
        return Rendering.text(input).getBytes(encoding);
    }

    static Duration timeout(Value v) {
        double seconds;
        if (v instanceof IntegerValue i) {
            seconds = i.doubleValue();
        } else if (v instanceof FloatValue f) {
            seconds = f.value();
        } else {
            return null;
        }
        return seconds > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : null;
    }

    static Encodings.Encoding encoding(Value v) {
        return v == null ? Encodings.UTF_8 : Encodings.lookup(Rendering.text(v));
    }

    private static void complete(Machine m, Invocation inv, CommandResult result, Encodings.Encoding encoding, boolean rawStdout,
            boolean rawStderr, Value timeout) {
        if (result instanceof CommandResult.Unreachable u) {
            unreachable(inv, u.reason());
        } else if (result instanceof CommandResult.TimedOut) {
            unreachable(inv, "command timed out after " + Rendering.text(timeout) + " seconds");
        } else {
            CommandResult.Completed c = (CommandResult.Completed) result;
            Value stdout;
            Value stderr;
            try {
                stdout = output(c.stdout(), encoding, rawStdout);
                stderr = output(c.stderr(), encoding, rawStderr);
            } catch (CharacterCodingException e) {
                unreachable(inv, CommandOutput.undecodableMessage(encoding.name()));
                return;
            }
            inv.setOutcome(stdout, IntegerValue.of(c.exitStatus()), stderr);
            if (c.exitStatus() != 0 && stderr.truthy()) {
                m.console(Rendering.text(stderr));
            }
        }
    }

    /** Output as a String decoded with the newline rule of D71, or untouched bytes when raw. */
    private static Value output(byte[] bytes, Encodings.Encoding encoding, boolean raw) throws CharacterCodingException {
        return raw ? BinaryValue.of(bytes) : StringValue.of(CommandOutput.text(bytes, encoding.charset()));
    }

    static void unreachable(Invocation inv, String reason) {
        inv.setOutcome(StringValue.EMPTY, IntegerValue.of(-1), StringValue.of(reason));
    }
}
