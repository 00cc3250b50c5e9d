package dev.kompira.dsl.ast;

/**
 * An operation over every kind of {@link Job}; adding a kind of job breaks every implementation at
 * compile time, which is the point.
 *
 * @param <R> the result type
 */
public interface JobVisitor<R> {
    R visitSkip(SkipJob job);

    R visitExecution(ExecutionJob job);

    R visitAssignment(AssignmentJob job);

    R visitUpdate(UpdateJob job);

    R visitEvent(EventJob job);

    R visitImmediateEvent(ImmediateEventJob job);

    R visitBuiltin(BuiltinJob job);

    R visitBreak(BreakJob job);

    R visitContinue(ContinueJob job);

    R visitError(ErrorJob job);

    R visitSimpleBlock(SimpleBlock block);

    R visitIf(IfBlock block);

    R visitCase(CaseBlock block);

    R visitFor(ForBlock block);

    R visitWhile(WhileBlock block);

    R visitChoice(ChoiceBlock block);

    R visitFork(ForkBlock block);

    R visitPfor(PforBlock block);

    R visitSession(SessionBlock block);

    R visitTry(TryBlock block);
}
