package dev.kompira.dsl.check;

import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BreakJob;
import dev.kompira.dsl.ast.BuiltinJob;
import dev.kompira.dsl.ast.Call;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.ChoiceBlock;
import dev.kompira.dsl.ast.ContinueJob;
import dev.kompira.dsl.ast.ErrorJob;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.ExecutionJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.JobVisitor;
import dev.kompira.dsl.ast.Link;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.SkipJob;
import dev.kompira.dsl.ast.TreeWalker;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.ast.WhileBlock;
import dev.kompira.dsl.diag.DiagnosticCollector;
import dev.kompira.dsl.diag.ErrorCode;
import dev.kompira.dsl.lexer.CharClass;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The definite-assignment analysis of language.md §6.2 (D53), which reports E-UNDEFINED, together
 * with the compile-time resolution of calls by name (D61: E-UNKNOWNCALL, E-JOBINEXPR), which needs
 * to know the visible variables.
 *
 * <p>{@link #defined} is the set of names certainly defined before the job being analysed. A job
 * in sequence updates it in place; a block analyses each body on a copy and then decides what the
 * block exports: {@code if} with {@code else}, {@code case} and {@code choice} export the names every
 * branch defines, a simple block exports what its body defines apart from its own bindings, and
 * loops, {@code fork}, {@code try} and {@code session} export nothing.
 */
final class DefinednessCheck implements JobVisitor<Void> {

    private final DiagnosticCollector diagnostics;
    private final ExpressionCheck expressions = new ExpressionCheck();
    private Set<String> defined = new HashSet<>();

    DefinednessCheck(DiagnosticCollector diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(Program program) {
        for (Parameter parameter : program.parameters()) {
            expression(parameter.defaultValue());
            defined.add(parameter.name());
        }
        if (program.flow() != null) {
            flow(program.flow());
        }
    }

    private void flow(Flow flow) {
        job(flow.first());
        for (Link link : flow.links()) {
            job(link.job());
        }
    }

    private void job(Job job) {
        job.accept(this);
    }

    private void expression(Expr expr) {
        if (expr != null) {
            expr.accept(expressions);
        }
    }

    /** Analyses {@code body} starting from a copy of the current set plus {@code bound}; returns what it defines. */
    private Set<String> branch(Flow body, String... bound) {
        Set<String> outer = defined;
        defined = new HashSet<>(outer);
        defined.addAll(List.of(bound));
        flow(body);
        Set<String> after = defined;
        defined = outer;
        return after;
    }

    /** Adds to the current set the names that every one of {@code branches} defines. */
    private void exportCommon(List<Set<String>> branches) {
        Set<String> common = new HashSet<>(branches.get(0));
        for (Set<String> branch : branches) {
            common.retainAll(branch);
        }
        defined.addAll(common);
    }

    @Override
    public Void visitSkip(SkipJob job) {
        return null;
    }

    @Override
    public Void visitExecution(ExecutionJob job) {
        expression(job.target());
        expression(job.input());
        job.arguments().forEach(argument -> expression(argument.value()));
        return null;
    }

    @Override
    public Void visitAssignment(AssignmentJob job) {
        for (Binding binding : job.bindings()) {
            expression(binding.value());
            defined.add(binding.name());
        }
        return null;
    }

    @Override
    public Void visitUpdate(UpdateJob job) {
        expression(job.value());
        if (job.target() instanceof Name) {
            defined.add(((Name) job.target()).name());
        } else {
            expression(job.target());
        }
        return null;
    }

    @Override
    public Void visitEvent(EventJob job) {
        expression(job.source());
        expression(job.guard());
        job.arguments().forEach(argument -> expression(argument.value()));
        return null;
    }

    @Override
    public Void visitImmediateEvent(ImmediateEventJob job) {
        return null;
    }

    @Override
    public Void visitBuiltin(BuiltinJob job) {
        if (!Builtins.isBuiltin(job.name())) {
            diagnostics.error(ErrorCode.E_UNKNOWNCALL, job.span(), "unknown built-in job or function '" + job.name() + "'");
        }
        job.arguments().forEach(argument -> expression(argument.value()));
        return null;
    }

    @Override
    public Void visitBreak(BreakJob job) {
        return null;
    }

    @Override
    public Void visitContinue(ContinueJob job) {
        return null;
    }

    @Override
    public Void visitError(ErrorJob job) {
        return null;
    }

    @Override
    public Void visitSimpleBlock(SimpleBlock block) {
        Set<String> outer = defined;
        defined = new HashSet<>(outer);
        Set<String> bound = new HashSet<>();
        for (Binding binding : block.bindings()) {
            expression(binding.value());
            defined.add(binding.name());
            bound.add(binding.name());
        }
        flow(block.body());
        Set<String> after = defined;
        defined = outer;
        after.removeAll(bound);
        defined.addAll(after);
        return null;
    }

    @Override
    public Void visitIf(IfBlock block) {
        List<Set<String>> branches = new ArrayList<>();
        for (IfBranch branch : block.branches()) {
            expression(branch.condition());
            branches.add(branch(branch.body()));
        }
        if (block.elseBody() != null) {
            branches.add(branch(block.elseBody()));
            exportCommon(branches);
        }
        return null;
    }

    @Override
    public Void visitCase(CaseBlock block) {
        expression(block.subject());
        List<Set<String>> branches = new ArrayList<>();
        for (CaseClause clause : block.clauses()) {
            clause.patterns().forEach(this::expression);
            branches.add(branch(clause.body()));
        }
        if (block.elseBody() != null) {
            branches.add(branch(block.elseBody()));
        }
        exportCommon(branches);
        return null;
    }

    @Override
    public Void visitFor(ForBlock block) {
        expression(block.iterable());
        branch(block.body(), block.variable());
        return null;
    }

    @Override
    public Void visitWhile(WhileBlock block) {
        expression(block.condition());
        branch(block.body());
        return null;
    }

    @Override
    public Void visitChoice(ChoiceBlock block) {
        List<Set<String>> branches = new ArrayList<>();
        for (Flow eventFlow : block.eventFlows()) {
            branches.add(branch(eventFlow));
        }
        exportCommon(branches);
        return null;
    }

    @Override
    public Void visitFork(ForkBlock block) {
        block.branches().forEach(this::branch);
        return null;
    }

    @Override
    public Void visitPfor(PforBlock block) {
        expression(block.iterable());
        branch(block.body(), block.variable());
        return null;
    }

    @Override
    public Void visitSession(SessionBlock block) {
        branch(block.body(), block.variable());
        return null;
    }

    @Override
    public Void visitTry(TryBlock block) {
        branch(block.body());
        return null;
    }

    /** Checks the names an expression reads against {@link #defined}. */
    private final class ExpressionCheck extends TreeWalker {

        @Override
        public Void visitName(Name expr) {
            if (!isDefined(expr.name())) {
                diagnostics.error(ErrorCode.E_UNDEFINED, expr.span(), "undefined variable '" + expr.name() + "'");
            }
            return null;
        }

        @Override
        public Void visitCall(Call expr) {
            if (expr.callee() instanceof Name) {
                resolveCallee((Name) expr.callee());
            } else {
                walk(expr.callee());
            }
            walkArguments(expr.arguments());
            return null;
        }

        private void resolveCallee(Name callee) {
            String name = callee.name();
            if (Builtins.isFunction(name)) {
                return;
            }
            if (Builtins.isJob(name)) {
                diagnostics.error(ErrorCode.E_JOBINEXPR, callee.span(), "built-in job '" + name + "' cannot be used in an expression");
            } else if (!isDefined(name)) {
                diagnostics.error(ErrorCode.E_UNKNOWNCALL, callee.span(), "unknown built-in job or function '" + name + "'");
            }
        }

        private boolean isDefined(String name) {
            return defined.contains(name) || CharClass.isControlVariableName(name);
        }
    }
}
