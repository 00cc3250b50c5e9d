package dev.kompira.dsl.check;

import dev.kompira.dsl.ast.Argument;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BreakJob;
import dev.kompira.dsl.ast.ContinueJob;
import dev.kompira.dsl.ast.DictDisplay;
import dev.kompira.dsl.ast.DictEntry;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.KeywordArgument;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.TreeWalker;
import dev.kompira.dsl.ast.WhileBlock;
import dev.kompira.dsl.diag.DiagnosticCollector;
import dev.kompira.dsl.diag.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that need no data-flow analysis: {@code break}/{@code continue} targets (E-CONTROL, D82)
 * and names given twice (E-DUPPARAM, E-DUPBINDING, E-DUPKEY, E-DUPARG). These hold even in a tree
 * with syntax errors, so they always run.
 */
final class StructureCheck extends TreeWalker {

    private final DiagnosticCollector diagnostics;
    private boolean inLoop;
    private boolean inSession;

    StructureCheck(DiagnosticCollector diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Override
    public void walk(Program program) {
        Set<String> names = new HashSet<>();
        for (Parameter parameter : program.parameters()) {
            if (!names.add(parameter.name())) {
                diagnostics.error(ErrorCode.E_DUPPARAM, parameter.span(), "duplicate parameter '" + parameter.name() + "'");
            }
        }
        super.walk(program);
    }

    @Override
    public Void visitBreak(BreakJob job) {
        if (!inLoop && !inSession) {
            diagnostics.error(ErrorCode.E_CONTROL, job.span(), "'break' outside of a loop or session");
        }
        return null;
    }

    @Override
    public Void visitContinue(ContinueJob job) {
        if (!inLoop) {
            diagnostics.error(ErrorCode.E_CONTROL, job.span(), "'continue' outside of a loop");
        }
        return null;
    }

    @Override
    public Void visitFor(ForBlock block) {
        walk(block.iterable());
        inLoopBody(() -> walk(block.body()));
        return null;
    }

    @Override
    public Void visitWhile(WhileBlock block) {
        walk(block.condition());
        inLoopBody(() -> walk(block.body()));
        return null;
    }

    private void inLoopBody(Runnable walkBody) {
        boolean saved = inLoop;
        inLoop = true;
        walkBody.run();
        inLoop = saved;
    }

    @Override
    public Void visitSession(SessionBlock block) {
        boolean saved = inSession;
        inSession = true;
        super.visitSession(block);
        inSession = saved;
        return null;
    }

    // break and continue never leave a child process (D82).
    @Override
    public Void visitFork(ForkBlock block) {
        inChildProcess(() -> super.visitFork(block));
        return null;
    }

    @Override
    public Void visitPfor(PforBlock block) {
        walk(block.iterable());
        inChildProcess(() -> walk(block.body()));
        return null;
    }

    private void inChildProcess(Runnable walkBody) {
        boolean savedLoop = inLoop;
        boolean savedSession = inSession;
        inLoop = false;
        inSession = false;
        walkBody.run();
        inLoop = savedLoop;
        inSession = savedSession;
    }

    @Override
    public Void visitSimpleBlock(SimpleBlock block) {
        Set<String> names = new HashSet<>();
        for (Binding binding : block.bindings()) {
            if (!names.add(binding.name())) {
                diagnostics.error(ErrorCode.E_DUPBINDING, binding.span(), "duplicate binding '" + binding.name() + "'");
            }
        }
        return super.visitSimpleBlock(block);
    }

    @Override
    public Void visitDict(DictDisplay expr) {
        Set<String> keys = new HashSet<>();
        for (DictEntry entry : expr.entries()) {
            if (entry instanceof Binding && !keys.add(((Binding) entry).name())) {
                Binding binding = (Binding) entry;
                diagnostics.error(ErrorCode.E_DUPKEY, binding.span(), "duplicate key '" + binding.name() + "' in dictionary");
            }
        }
        return super.visitDict(expr);
    }

    @Override
    protected void walkArguments(List<Argument> arguments) {
        Set<String> keywords = new HashSet<>();
        for (Argument argument : arguments) {
            if (argument instanceof KeywordArgument && !keywords.add(((KeywordArgument) argument).name())) {
                KeywordArgument keyword = (KeywordArgument) argument;
                diagnostics.error(ErrorCode.E_DUPARG, keyword.span(), "duplicate keyword argument '" + keyword.name() + "'");
            }
        }
        super.walkArguments(arguments);
    }
}
