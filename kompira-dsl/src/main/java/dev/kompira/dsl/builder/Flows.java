package dev.kompira.dsl.builder;

import dev.kompira.dsl.ast.Argument;
import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BreakJob;
import dev.kompira.dsl.ast.BuiltinJob;
import dev.kompira.dsl.ast.ChoiceBlock;
import dev.kompira.dsl.ast.ContinueJob;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.ExecutionJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.GuardMode;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.SkipJob;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.ast.WhileBlock;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds jobflows in Java code: programs, jobflow expressions, jobs and blocks. The result is the
 * same tree the parser builds from the equivalent source (apart from spans), and
 * {@link ProgramBuilder#toSource()} writes that source.
 *
 * <p>A parameterised deployment over a list of hosts, with an if/else and a fork:
 * <pre>{@code
 * import static dev.kompira.dsl.builder.Exprs.*;
 * import static dev.kompira.dsl.builder.Flows.*;
 *
 * String source = program()
 *         .parameter("hosts", array(str("web01"), str("web02")))
 *         .parameter("version", str("1.4.2"))
 *         .body(flow(forEach("h", var("hosts"),
 *                         flow(assign(bind("__host__", var("h"))))
 *                                 .then(command("systemctl is-active nginx"))
 *                                 .thenEvenIfFailed(ifThen(eq(status("STATUS"), integer(0)),
 *                                                 seq(print(str("$h is up"))))
 *                                         .orElse(seq(print(str("$h is down: $ERROR")))))
 *                                 .build()))
 *                 .then(fork(seq(command("deploy-web $version")),
 *                            seq(command("deploy-db $version")))))
 *         .toSource();
 * }</pre>
 * gives
 * <pre>
 * | hosts = ['web01', 'web02'] |
 * | version = '1.4.2' |
 * { for h in hosts |
 *     [__host__ = h] ->
 *     ['systemctl is-active nginx'] =>
 *     { if $STATUS == 0 | then: print('$h is up') else: print('$h is down: $ERROR') }
 * } ->
 * { fork |
 *     ['deploy-web $version']
 *     ['deploy-db $version']
 * }
 * </pre>
 *
 * <p>Thread-safe (stateless); the builders it returns are not.
 */
public final class Flows {

    private static final Span NONE = Span.NONE;

    private Flows() {
    }

    // ---- programs and flows --------------------------------------------------------------------

    /** Starts a program. */
    public static ProgramBuilder program() {
        return new ProgramBuilder();
    }

    /** Starts a jobflow expression with {@code first}; connect further jobs with the builder's methods. */
    public static FlowBuilder flow(Job first) {
        return new FlowBuilder(first);
    }

    /** A jobflow expression of {@code first} and {@code rest} joined by {@code ->}. */
    public static Flow seq(Job first, Job... rest) {
        FlowBuilder flow = flow(first);
        for (Job job : rest) {
            flow.then(job);
        }
        return flow.build();
    }

    // ---- jobs -----------------------------------------------------------------------------------

    /** The skip job {@code []}. */
    public static SkipJob skip() {
        return new SkipJob(NONE);
    }

    /** A command {@code ['command']}, run by the shell on the host the control variables select. */
    public static ExecutionJob command(String command) {
        return exec(Exprs.str(command));
    }

    /** An execution job {@code [target: arguments]}: a command, jobflow call, script job or method call. */
    public static ExecutionJob exec(Expr target, Argument... arguments) {
        return new ExecutionJob(target, null, Arrays.asList(arguments), NONE);
    }

    /** An execution job with standard input {@code [target << input: arguments]}. */
    public static ExecutionJob execWithInput(Expr target, Expr input, Argument... arguments) {
        return new ExecutionJob(target, input, Arrays.asList(arguments), NONE);
    }

    /** An assignment job {@code [a = 1, b = 2]}. */
    public static AssignmentJob assign(Binding first, Binding... more) {
        List<Binding> bindings = new ArrayList<>();
        bindings.add(first);
        bindings.addAll(Arrays.asList(more));
        return new AssignmentJob(bindings, NONE);
    }

    /** An update job {@code [value >> target]}; the target is a name, path or selector chain. */
    public static UpdateJob update(Expr value, Expr target) {
        return new UpdateJob(value, target, NONE);
    }

    /** An event job {@code <source: arguments>}: waits for a message, a process, or one of a list. */
    public static EventJob event(Expr source, Argument... arguments) {
        return new EventJob(source, GuardMode.NONE, null, Arrays.asList(arguments), NONE);
    }

    /** {@code <source ? guard: arguments>}: receives only when the head of the queue matches. */
    public static EventJob eventIfHead(Expr source, Expr guard, Argument... arguments) {
        return new EventJob(source, GuardMode.HEAD, guard, Arrays.asList(arguments), NONE);
    }

    /** {@code <source ?? guard: arguments>}: discards messages up to the first that matches. */
    public static EventJob eventScanning(Expr source, Expr guard, Argument... arguments) {
        return new EventJob(source, GuardMode.SCAN, guard, Arrays.asList(arguments), NONE);
    }

    /** The event job {@code <>}, which fires immediately. */
    public static ImmediateEventJob immediateEvent() {
        return new ImmediateEventJob(NONE);
    }

    /** A built-in job {@code name(arguments)}. */
    public static BuiltinJob builtin(String name, Argument... arguments) {
        return new BuiltinJob(Exprs.identifier(name), Arrays.asList(arguments), NONE);
    }

    /** A built-in job {@code name()} without arguments. */
    public static BuiltinJob builtin(String name) {
        return builtin(name, new Argument[0]);
    }

    /** A built-in job {@code name(values...)} with positional arguments. */
    public static BuiltinJob builtin(String name, Expr... values) {
        return builtin(name, Exprs.args(values));
    }

    /** {@code print()}: an empty line. */
    public static BuiltinJob print() {
        return builtin("print");
    }

    /** {@code print(values...)}. */
    public static BuiltinJob print(Expr... values) {
        return builtin("print", values);
    }

    /** {@code print(arguments...)}, with keywords such as {@code sep}. */
    public static BuiltinJob print(Argument... arguments) {
        return builtin("print", arguments);
    }

    /** {@code sleep(seconds)}. */
    public static BuiltinJob sleep(Expr seconds) {
        return builtin("sleep", seconds);
    }

    /** {@code sleep(seconds)}. */
    public static BuiltinJob sleep(double seconds) {
        return sleep(Exprs.number(seconds));
    }

    /** {@code return()}: ends the jobflow with its last job's outcome. */
    public static BuiltinJob returnJob() {
        return builtin("return");
    }

    /** {@code return(result, status, error)}: ends the jobflow (named so because {@code return} is a Java keyword). */
    public static BuiltinJob returnJob(Expr... resultStatusError) {
        return builtin("return", resultStatusError);
    }

    /** {@code return(...)} with keyword arguments. */
    public static BuiltinJob returnJob(Argument... arguments) {
        return builtin("return", arguments);
    }

    /** {@code exit()}: ends the whole process with status 0. */
    public static BuiltinJob exit() {
        return builtin("exit");
    }

    /** {@code exit(status, result, error)}: ends the whole process. */
    public static BuiltinJob exit(Expr... statusResultError) {
        return builtin("exit", statusResultError);
    }

    /** {@code exit(...)} with keyword arguments. */
    public static BuiltinJob exit(Argument... arguments) {
        return builtin("exit", arguments);
    }

    /** {@code abort(message)}: ends the process abnormally. */
    public static BuiltinJob abort(Expr message) {
        return builtin("abort", message);
    }

    /** {@code assert(condition)} (named so because {@code assert} is a Java keyword). */
    public static BuiltinJob assertJob(Expr condition) {
        return builtin("assert", condition);
    }

    /** {@code self()}: starts the jobflow again. */
    public static BuiltinJob self() {
        return builtin("self");
    }

    /** {@code detach()}: the parent of a fork or pfor child no longer waits for it. */
    public static BuiltinJob detach() {
        return builtin("detach");
    }

    /** {@code suspend()}: suspends the process at this job. */
    public static BuiltinJob suspend() {
        return builtin("suspend");
    }

    /** {@code urlopen(url, ...)}. */
    public static BuiltinJob urlopen(Argument... arguments) {
        return builtin("urlopen", arguments);
    }

    /** {@code mailto(to, subject, body, ...)}. */
    public static BuiltinJob mailto(Argument... arguments) {
        return builtin("mailto", arguments);
    }

    /** {@code download(from_file, to_path)}. */
    public static BuiltinJob download(Expr fromFile, Expr toPath) {
        return builtin("download", fromFile, toPath);
    }

    /** {@code upload(from_path, to_object, to_field, ...)}. */
    public static BuiltinJob upload(Argument... arguments) {
        return builtin("upload", arguments);
    }

    /** {@code put(local_path, remote_path, ...)}: copies files to the target host. */
    public static BuiltinJob put(Argument... arguments) {
        return builtin("put", arguments);
    }

    /** {@code get(remote_path, local_path, ...)}: copies files from the target host. */
    public static BuiltinJob get(Argument... arguments) {
        return builtin("get", arguments);
    }

    /** {@code reboot(...)}: reboots the target host. */
    public static BuiltinJob reboot(Argument... arguments) {
        return builtin("reboot", arguments);
    }

    /** The control job {@code break}. */
    public static BreakJob breakLoop() {
        return new BreakJob(NONE);
    }

    /** The control job {@code continue}. */
    public static ContinueJob continueLoop() {
        return new ContinueJob(NONE);
    }

    // ---- blocks ---------------------------------------------------------------------------------

    /** A simple block {@code { body }}, which groups a jobflow expression. */
    public static SimpleBlock block(Flow body) {
        return new SimpleBlock(List.of(), body, NONE);
    }

    /** A simple block {@code { body }} whose body is still being built. */
    public static SimpleBlock block(FlowBuilder body) {
        return block(body.build());
    }

    /** A simple block with block-scoped bindings {@code { a = 1, b = 2 | body }}. */
    public static SimpleBlock block(Flow body, Binding first, Binding... more) {
        List<Binding> bindings = new ArrayList<>();
        bindings.add(first);
        bindings.addAll(Arrays.asList(more));
        return new SimpleBlock(bindings, body, NONE);
    }

    /** Starts {@code { if condition | ... }}; finish with {@code elseIf}, {@code orElse} or {@code build}. */
    public static IfBuilder ifThen(Expr condition, Flow body) {
        return new IfBuilder(java.util.Objects.requireNonNull(condition, "condition"), body);
    }

    /** Starts {@code { if condition | ... }} with a body still being built. */
    public static IfBuilder ifThen(Expr condition, FlowBuilder body) {
        return ifThen(condition, body.build());
    }

    /** Starts {@code { if | ... }}, which tests {@code $RESULT}. */
    public static IfBuilder ifResult(Flow body) {
        return new IfBuilder(null, body);
    }

    /** Starts {@code { case subject | ... }}. */
    public static CaseBuilder caseOf(Expr subject) {
        return new CaseBuilder(java.util.Objects.requireNonNull(subject, "subject"));
    }

    /** Starts {@code { case | ... }}, which matches {@code $RESULT}. */
    public static CaseBuilder caseOfResult() {
        return new CaseBuilder(null);
    }

    /** {@code { for variable in iterable | body }}. */
    public static ForBlock forEach(String variable, Expr iterable, Flow body) {
        return new ForBlock(Exprs.identifier(variable), iterable, body, NONE);
    }

    /** {@code { for variable in iterable | body }} with a body still being built. */
    public static ForBlock forEach(String variable, Expr iterable, FlowBuilder body) {
        return forEach(variable, iterable, body.build());
    }

    /** {@code { pfor variable in iterable | body }}: one child process per element. */
    public static PforBlock pfor(String variable, Expr iterable, Flow body) {
        return new PforBlock(Exprs.identifier(variable), iterable, body, NONE);
    }

    /** {@code { pfor variable in iterable | body }} with a body still being built. */
    public static PforBlock pfor(String variable, Expr iterable, FlowBuilder body) {
        return pfor(variable, iterable, body.build());
    }

    /** {@code { while condition | body }}. */
    public static WhileBlock whileLoop(Expr condition, Flow body) {
        return new WhileBlock(condition, body, NONE);
    }

    /** {@code { while condition | body }} with a body still being built. */
    public static WhileBlock whileLoop(Expr condition, FlowBuilder body) {
        return whileLoop(condition, body.build());
    }

    /** {@code { choice | ... }}: each flow starts with an event job followed by a connector. */
    public static ChoiceBlock choice(Flow... eventFlows) {
        return new ChoiceBlock(Arrays.asList(eventFlows), NONE);
    }

    /** {@code { fork | ... }}: each flow runs in a child process. */
    public static ForkBlock fork(Flow... branches) {
        return new ForkBlock(Arrays.asList(branches), NONE);
    }

    /** {@code { session variable | body }}: an interactive session. */
    public static SessionBlock session(String variable, Flow body) {
        return new SessionBlock(Exprs.identifier(variable), body, NONE);
    }

    /** {@code { session variable | body }} with a body still being built. */
    public static SessionBlock session(String variable, FlowBuilder body) {
        return session(variable, body.build());
    }

    /** {@code { try | body }}: catches the failure of {@code body}. */
    public static TryBlock tryBlock(Flow body) {
        return new TryBlock(body, NONE);
    }

    /** {@code { try | body }} with a body still being built. */
    public static TryBlock tryBlock(FlowBuilder body) {
        return tryBlock(body.build());
    }
}
