package dev.kompira.dsl.ast;

import java.util.List;

/**
 * Visits every node of a tree in source order. Each method visits the node's children; a subclass
 * overrides the methods for the nodes it cares about and calls {@code super} to keep descending.
 */
public abstract class TreeWalker implements JobVisitor<Void>, ExprVisitor<Void> {

    /** Walks a whole program. */
    public void walk(Program program) {
        for (Parameter parameter : program.parameters()) {
            walkParameter(parameter);
        }
        if (program.flow() != null) {
            walk(program.flow());
        }
    }

    /** Walks a parameter declaration. */
    protected void walkParameter(Parameter parameter) {
        walkOptional(parameter.defaultValue());
    }

    /** Walks a jobflow expression. */
    public void walk(Flow flow) {
        walk(flow.first());
        for (Link link : flow.links()) {
            walk(link.job());
        }
    }

    /** Walks a job. */
    public void walk(Job job) {
        job.accept(this);
    }

    /** Walks an expression. */
    public void walk(Expr expr) {
        expr.accept(this);
    }

    /** Walks an expression that may be absent. */
    protected void walkOptional(Expr expr) {
        if (expr != null) {
            walk(expr);
        }
    }

    /** Walks the value of each binding. */
    protected void walkBindings(List<Binding> bindings) {
        for (Binding binding : bindings) {
            walk(binding.value());
        }
    }

    /** Walks the value of each argument. */
    protected void walkArguments(List<Argument> arguments) {
        for (Argument argument : arguments) {
            walk(argument.value());
        }
    }

    @Override
    public Void visitSkip(SkipJob job) {
        return null;
    }

    @Override
    public Void visitExecution(ExecutionJob job) {
        walk(job.target());
        walkOptional(job.input());
        walkArguments(job.arguments());
        return null;
    }

    @Override
    public Void visitAssignment(AssignmentJob job) {
        walkBindings(job.bindings());
        return null;
    }

    @Override
    public Void visitUpdate(UpdateJob job) {
        walk(job.value());
        walk(job.target());
        return null;
    }

    @Override
    public Void visitEvent(EventJob job) {
        walk(job.source());
        walkOptional(job.guard());
        walkArguments(job.arguments());
        return null;
    }

    @Override
    public Void visitImmediateEvent(ImmediateEventJob job) {
        return null;
    }

    @Override
    public Void visitBuiltin(BuiltinJob job) {
        walkArguments(job.arguments());
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
        walkBindings(block.bindings());
        walk(block.body());
        return null;
    }

    @Override
    public Void visitIf(IfBlock block) {
        for (IfBranch branch : block.branches()) {
            walkOptional(branch.condition());
            walk(branch.body());
        }
        if (block.elseBody() != null) {
            walk(block.elseBody());
        }
        return null;
    }

    @Override
    public Void visitCase(CaseBlock block) {
        walkOptional(block.subject());
        for (CaseClause clause : block.clauses()) {
            for (Expr pattern : clause.patterns()) {
                walk(pattern);
            }
            walk(clause.body());
        }
        if (block.elseBody() != null) {
            walk(block.elseBody());
        }
        return null;
    }

    @Override
    public Void visitFor(ForBlock block) {
        walk(block.iterable());
        walk(block.body());
        return null;
    }

    @Override
    public Void visitWhile(WhileBlock block) {
        walk(block.condition());
        walk(block.body());
        return null;
    }

    @Override
    public Void visitChoice(ChoiceBlock block) {
        for (Flow flow : block.eventFlows()) {
            walk(flow);
        }
        return null;
    }

    @Override
    public Void visitFork(ForkBlock block) {
        for (Flow flow : block.branches()) {
            walk(flow);
        }
        return null;
    }

    @Override
    public Void visitPfor(PforBlock block) {
        walk(block.iterable());
        walk(block.body());
        return null;
    }

    @Override
    public Void visitSession(SessionBlock block) {
        walk(block.body());
        return null;
    }

    @Override
    public Void visitTry(TryBlock block) {
        walk(block.body());
        return null;
    }

    @Override
    public Void visitName(Name expr) {
        return null;
    }

    @Override
    public Void visitStatusVar(StatusVar expr) {
        return null;
    }

    @Override
    public Void visitObjectPath(ObjectPath expr) {
        return null;
    }

    @Override
    public Void visitString(StringLiteral expr) {
        return null;
    }

    @Override
    public Void visitBinary(BinaryLiteral expr) {
        return null;
    }

    @Override
    public Void visitInteger(IntegerLiteral expr) {
        return null;
    }

    @Override
    public Void visitFloat(FloatLiteral expr) {
        return null;
    }

    @Override
    public Void visitBoolean(BooleanLiteral expr) {
        return null;
    }

    @Override
    public Void visitNull(NullLiteral expr) {
        return null;
    }

    @Override
    public Void visitPattern(PatternLiteral expr) {
        return null;
    }

    @Override
    public Void visitArray(ArrayDisplay expr) {
        for (Expr element : expr.elements()) {
            walk(element);
        }
        return null;
    }

    @Override
    public Void visitDict(DictDisplay expr) {
        for (DictEntry entry : expr.entries()) {
            if (entry instanceof KeyValue) {
                walk(((KeyValue) entry).key());
            }
            walk(entry.value());
        }
        return null;
    }

    @Override
    public Void visitUnary(Unary expr) {
        walk(expr.operand());
        return null;
    }

    @Override
    public Void visitChain(OperatorChain expr) {
        walk(expr.first());
        for (Operand operand : expr.rest()) {
            walk(operand.operand());
        }
        return null;
    }

    @Override
    public Void visitAttribute(Attribute expr) {
        walk(expr.target());
        return null;
    }

    @Override
    public Void visitSubscript(Subscript expr) {
        walk(expr.target());
        walk(expr.index());
        return null;
    }

    @Override
    public Void visitCall(Call expr) {
        walk(expr.callee());
        walkArguments(expr.arguments());
        return null;
    }

    @Override
    public Void visitError(ErrorExpr expr) {
        return null;
    }
}
