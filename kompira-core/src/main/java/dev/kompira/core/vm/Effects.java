package dev.kompira.core.vm;

import dev.kompira.dsl.ast.Argument;
import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BreakJob;
import dev.kompira.dsl.ast.BuiltinJob;
import dev.kompira.dsl.ast.Call;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.ContinueJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.SkipJob;
import dev.kompira.dsl.ast.TreeWalker;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.WhileBlock;
import java.util.List;
import java.util.Set;

/**
 * Which jobs leave a trace outside their process, for checkpoint mode (language.md §12.7, J140): a
 * process is saved after such a job (and before its first one), not after every job. A job without
 * effects — an assignment, a {@code return}, a block's test — computes the same again from the last
 * saved state, so a process resumed after a crash simply runs it again. Any call of a method or a
 * library function, any command, wait, update, transfer or process control counts as an effect;
 * only the built-in functions that merely compute are taken as free of them. Stateless.
 */
final class Effects {

    /** Built-in functions that only compute from their arguments (or read the clock or the tree). */
    private static final Set<String> PURE_FUNCTIONS = Set.of("now", "datetime", "date", "time", "timedelta", "int", "float",
            "pattern", "path", "string", "bytes", "type", "decode", "encode", "length", "has_key", "json_parse",
            "json_dump", "mail_parse", "iprange");
    /**
     * Built-in jobs that change only the process's own state (status variables, control flow). Those
     * that print ({@code print}, {@code abort}, {@code assert}) are effects: their lines leave the
     * process for the console listeners, and a resumed process must not show them twice.
     */
    private static final Set<String> PURE_JOBS = Set.of("return", "exit", "self");

    private Effects() {
    }

    /** Returns whether {@code job} itself (not the jobs of a block's body) may leave a trace outside its process. */
    static boolean of(Job job) {
        if (job instanceof SkipJob || job instanceof ImmediateEventJob || job instanceof BreakJob || job instanceof ContinueJob
                || job instanceof TryBlock || job instanceof ForkBlock) {
            return false;
        }
        if (job instanceof AssignmentJob a) {
            return !bindingsPure(a.bindings());
        }
        if (job instanceof SimpleBlock b) {
            return !bindingsPure(b.bindings());
        }
        if (job instanceof BuiltinJob b) {
            return !PURE_JOBS.contains(b.name()) || !argumentsPure(b.arguments());
        }
        if (job instanceof IfBlock b) {
            return !b.branches().stream().map(IfBranch::condition).allMatch(Effects::pure);
        }
        if (job instanceof CaseBlock b) {
            return !pure(b.subject()) || !b.clauses().stream().flatMap(c -> c.patterns().stream()).allMatch(Effects::pure);
        }
        if (job instanceof ForBlock b) {
            return !pure(b.iterable());
        }
        if (job instanceof PforBlock b) {
            return !pure(b.iterable());
        }
        if (job instanceof WhileBlock b) {
            return !pure(b.condition());
        }
        return true;
    }

    /** Returns whether any job of {@code flow}, at any depth of its blocks, may have effects. */
    static boolean anywhere(Flow flow) {
        boolean[] effects = {false};
        new TreeWalker() {
            @Override
            public void walk(Job job) {
                effects[0] |= of(job);
                if (!effects[0]) {
                    super.walk(job);
                }
            }
        }.walk(flow);
        return effects[0];
    }

    private static boolean bindingsPure(List<Binding> bindings) {
        return bindings.stream().map(Binding::value).allMatch(Effects::pure);
    }

    private static boolean argumentsPure(List<Argument> arguments) {
        return arguments.stream().map(Argument::value).allMatch(Effects::pure);
    }

    /** Returns whether evaluating {@code expr} (Java null: nothing) can have no effect. */
    static boolean pure(Expr expr) {
        if (expr == null) {
            return true;
        }
        boolean[] effects = {false};
        new TreeWalker() {
            @Override
            public Void visitCall(Call call) {
                if (!(call.callee() instanceof Name n && PURE_FUNCTIONS.contains(n.name()))) {
                    effects[0] = true;
                }
                return super.visitCall(call);
            }
        }.walk(expr);
        return !effects[0];
    }

    /** Returns {@code code} marked as free of effects when {@code job} is. */
    static JobCode mark(Job job, JobCode code) {
        return of(job) ? code : new Pure(code);
    }

    /** A job without effects. */
    private record Pure(JobCode code) implements JobCode {

        @Override
        public dev.kompira.dsl.source.Span span() {
            return code.span();
        }

        @Override
        public boolean isCommand() {
            return code.isCommand();
        }

        @Override
        public boolean hasEffects() {
            return false;
        }

        @Override
        public void exec(Machine machine, FlowFrame frame) {
            code.exec(machine, frame);
        }
    }
}
