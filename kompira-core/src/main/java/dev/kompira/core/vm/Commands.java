package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.Target;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.Encodings;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command jobs (language.md §8.2.3): the one place where control variables become a
 * {@link CommandRequest} (D57, D58, D68) and where a {@link CommandResult} becomes the status
 * variables (D71, D72, §14.4) and console output (D73).
 */
final class Commands {

    /** The longest command line, in UTF-8 bytes (D72). */
    static final int MAX_COMMAND_BYTES = 114_688;

    private Commands() {
    }

    /** Starts {@code command} and parks the process until it has ended. */
    static void run(Machine m, FlowFrame f, String command, Value input, Slot[] controls) {
        Map<String, Value> vars = controlValues(m, f, controls);
        Charset encoding = charset(vars.get("__encoding__"));
        boolean rawStdout = flag(vars, "__raw_stdout__", false);
        boolean rawStderr = flag(vars, "__raw_stderr__", false);
        int length = command.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_COMMAND_BYTES) {
            unreachable(f.invocation, "command too long (" + length + " bytes; the limit is " + MAX_COMMAND_BYTES + ")");
            return;
        }
        CommandRequest request = request(vars, command, input, encoding);
        Transport transport = m.transportFor(request.target().conntype());
        if (transport == null) {
            unreachable(f.invocation, "no transport for connection type '" + request.target().conntype() + "'");
            return;
        }
        m.echoCommand(request);
        Value timeout = vars.get("__timeout__");
        m.park(transport.execute(request), (machine, result) -> complete(machine, f.invocation, result, encoding,
                rawStdout, rawStderr, timeout));
    }

    private static Map<String, Value> controlValues(Machine m, FlowFrame f, Slot[] controls) {
        Map<String, Value> vars = new HashMap<>();
        for (Slot slot : controls) {
            Value v = f.scope.up(slot.hops()).slots[slot.index()];
            if (v == null) {
                v = m.environmentControl(slot.name());
            }
            if (v != NullValue.NULL) {
                vars.put(slot.name(), v);
            }
        }
        return vars;
    }

    private static CommandRequest request(Map<String, Value> vars, String command, Value input, Charset encoding) {
        String host = text(vars, "__host__");
        String conntype = text(vars, "__conntype__");
        if (conntype == null) {
            conntype = host == null ? "local" : "ssh";
        }
        int port = vars.get("__port__") instanceof IntegerValue p && p.fitsInt() ? (int) p.longValue() : 0;
        Target target = new Target(conntype, host, port, text(vars, "__user__"), text(vars, "__password__"),
                text(vars, "__keyfile__"), text(vars, "__passphrase__"));
        String shell = text(vars, "__shell__");
        String dir = text(vars, "__dir__");
        boolean useShell = flag(vars, "__use_shell__", true);
        boolean sudo = flag(vars, "__sudo__", false);
        if (dir != null && sudo && !useShell) {
            throw new JobflowError(ErrorCode.R_CONTROL, "__dir__ cannot be used with __sudo__ = true and __use_shell__ = false");
        }
        return new CommandRequest(target, command, useShell, shell == null ? "/bin/bash" : shell, dir, sudo,
                flag(vars, "__use_pty__", false), stdin(input, encoding), timeout(vars.get("__timeout__")), encoding);
    }

    private static String text(Map<String, Value> vars, String name) {
        Value v = vars.get(name);
        return v == null ? null : Rendering.text(v);
    }

    private static boolean flag(Map<String, Value> vars, String name, boolean otherwise) {
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

    private static Duration timeout(Value v) {
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

    private static Charset charset(Value v) {
        return v == null ? StandardCharsets.UTF_8 : Encodings.lookup(Rendering.text(v)).charset();
    }

    private static void complete(Machine m, Invocation inv, CommandResult result, Charset encoding, boolean rawStdout,
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
                unreachable(inv, "cannot decode output as '" + encoding.name().toLowerCase() + "'");
                return;
            }
            inv.setOutcome(stdout, IntegerValue.of(c.exitStatus()), stderr);
            if (c.exitStatus() != 0 && stderr.truthy()) {
                m.console(Rendering.text(stderr));
            }
        }
    }

    /** Decodes output strictly and removes exactly one trailing line terminator (D71). */
    private static Value output(byte[] bytes, Charset encoding, boolean raw) throws CharacterCodingException {
        if (raw) {
            return BinaryValue.of(bytes);
        }
        String text = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return StringValue.of(text);
    }

    private static void unreachable(Invocation inv, String reason) {
        inv.setOutcome(StringValue.EMPTY, IntegerValue.of(-1), StringValue.of(reason));
    }
}
