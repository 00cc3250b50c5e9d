package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.ExecutionJob;

/**
 * Compiles execution jobs {@code [target << input : arguments]} (language.md §8.2): what happens
 * depends on the value of the target: a command String, a Jobflow or ScriptJob object, or a Method
 * (of a value, an object or a Library).
 */
final class ExecutionCompiler {

    private ExecutionCompiler() {
    }

    static JobCode compile(ExecutionJob job, Lexical lexical) {
        Eval target = ExprCompiler.compile(job.target(), lexical);
        Eval input = job.input() == null ? null : ExprCompiler.compile(job.input(), lexical);
        ExprCompiler.ArgumentsCode arguments = ExprCompiler.ArgumentsCode.compile(job.arguments(), lexical);
        boolean hasArguments = !job.arguments().isEmpty();
        Slot[] controls = ControlVariables.NAMES.stream().map(lexical::resolve).toArray(Slot[]::new);
        Eval timeout = ExprCompiler.control("__timeout__", lexical);
        return new SimpleJob(job.span(), true, (m, f) -> {
            Value t = target.eval(f.scope, m);
            Value in = input == null ? null : input.eval(f.scope, m);
            Arguments args = arguments.eval(f.scope, m);
            if (t instanceof StringValue command) {
                if (hasArguments) {
                    throw new JobflowError(ErrorCode.R_EXEC, "a command string takes no arguments");
                }
                Commands.run(m, f, command.value(), in, controls);
            } else if (t instanceof ObjectValue o && o.tree().typeName(o.stored()).equals("Jobflow")) {
                requireNoInput(in);
                JobflowCalls.callJobflowObject(m, o, args, job.span(), f);
            } else if (t instanceof ObjectValue o && o.tree().typeName(o.stored()).equals("ScriptJob")) {
                runScript(m, f, o, scriptArguments(args), in, controls);
            } else if (t instanceof MethodValue method && method.receiver() instanceof ObjectValue lib
                    && lib.isLibraryFunction(method.name())) {
                requireNoInput(in);
                LibraryCalls.asJob(m, f, lib, method.name(), args, timeout.eval(f.scope, m));
            } else if (t instanceof MethodValue method && method.receiver() instanceof ObjectValue server
                    && method.name().equals(ObjectValue.CONN_CHECK) && (server.isSmtpServer() || server.isMailChannel())) {
                requireNoInput(in);
                MailJobs.connCheck(m, f.invocation, server, args);
            } else if (t instanceof MethodValue method) {
                requireNoInput(in);
                callMethod(f.invocation, method, args);
            } else {
                throw new JobflowError(ErrorCode.R_EXEC, t.typeName() + " value cannot be executed");
            }
        });
    }

    /** Runs a ScriptJob holding a slot of its multiplicity until the script has ended (objects.md §4.5). */
    private static void runScript(Machine m, FlowFrame f, ObjectValue o, String arguments, Value in, Slot[] controls) {
        StoredObject job = o.stored();
        ScriptFile.Script script = script(o);
        m.withSlotOf(job, () -> Commands.run(m, f, arguments, in, controls, script, () -> m.releaseSlotOf(job)));
    }

    /** The text and extension of a ScriptJob object (objects.md §4.5). */
    private static ScriptFile.Script script(ObjectValue o) {
        StoredObject stored = o.stored();
        return new ScriptFile.Script(Rendering.text(o.tree().readField(stored, "source")),
                Rendering.text(o.tree().readField(stored, "ext")));
    }

    /** Script arguments: each one's text form quoted for the shell (D74); keywords are not allowed. */
    private static String scriptArguments(Arguments args) {
        if (!args.keywords().isEmpty()) {
            throw new JobflowError(ErrorCode.R_EXEC, "a script job takes positional arguments only");
        }
        StringBuilder out = new StringBuilder();
        for (Value a : args.positional()) {
            out.append(' ').append(CommandLine.quote(Rendering.text(a)));
        }
        return out.toString();
    }

    private static void requireNoInput(Value input) {
        if (input != null) {
            throw new JobflowError(ErrorCode.R_EXEC, "'<<' is only allowed for commands and script jobs");
        }
    }

    /** A method called as the job: its error is a failed job, not an abnormal termination (language.md §8.2.1). */
    private static void callMethod(Invocation invocation, MethodValue method, Arguments args) {
        try {
            Value result = Members.call(method.receiver(), method.name(), args);
            invocation.setOutcome(result, IntegerValue.ZERO, StringValue.EMPTY);
        } catch (JobflowError e) {
            invocation.setOutcome(StringValue.EMPTY, IntegerValue.ONE, StringValue.of(e.getMessage()));
        }
    }
}
