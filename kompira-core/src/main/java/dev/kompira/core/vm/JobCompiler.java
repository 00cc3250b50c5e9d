package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.event.SessionChannel;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.transport.SessionRequest;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BreakJob;
import dev.kompira.dsl.ast.BuiltinJob;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.ChoiceBlock;
import dev.kompira.dsl.ast.ContinueJob;
import dev.kompira.dsl.ast.ErrorJob;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.ExecutionJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.JobVisitor;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.SkipJob;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.ast.WhileBlock;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;

/** Compiles the jobs and blocks of one lexical scope (language.md §8, §9). */
final class JobCompiler implements JobVisitor<JobCode> {

    private final Compiler compiler;
    private final Lexical lexical;

    JobCompiler(Compiler compiler, Lexical lexical) {
        this.compiler = compiler;
        this.lexical = lexical;
    }

    JobCode compile(Job job) {
        return Effects.mark(job, job.accept(this));
    }

    private Eval expr(Expr e) {
        return ExprCompiler.compile(e, lexical);
    }

    @Override
    public JobCode visitSkip(SkipJob job) {
        return new SimpleJob(job.span(), false, (m, f) -> f.invocation.status = IntegerValue.ZERO);
    }

    @Override
    public JobCode visitAssignment(AssignmentJob job) {
        int n = job.bindings().size();
        Eval[] values = new Eval[n];
        Slot[] targets = new Slot[n];
        for (int i = 0; i < n; i++) {
            Binding b = job.bindings().get(i);
            values[i] = expr(b.value());
            targets[i] = lexical.resolve(b.name());
        }
        if (n == 1) {
            Eval value = values[0];
            int hops = targets[0].hops();
            int index = targets[0].index();
            return new SimpleJob(job.span(), false, (m, f) -> {
                f.scope.up(hops).slots[index] = value.eval(f.scope, m);
                f.invocation.status = IntegerValue.ZERO;
            });
        }
        return new SimpleJob(job.span(), false, (m, f) -> {
            for (int i = 0; i < n; i++) {
                f.scope.up(targets[i].hops()).slots[targets[i].index()] = values[i].eval(f.scope, m);
            }
            f.invocation.status = IntegerValue.ZERO;
        });
    }

    @Override
    public JobCode visitUpdate(UpdateJob job) {
        return UpdateCompiler.compile(job, lexical);
    }

    @Override
    public JobCode visitExecution(ExecutionJob job) {
        return ExecutionCompiler.compile(job, lexical);
    }

    @Override
    public JobCode visitBuiltin(BuiltinJob job) {
        return BuiltinJobs.compile(job, ExprCompiler.ArgumentsCode.compile(job.arguments(), lexical), lexical);
    }

    @Override
    public JobCode visitEvent(EventJob job) {
        return EventCompiler.eventJob(job, lexical);
    }

    @Override
    public JobCode visitImmediateEvent(ImmediateEventJob job) {
        return visitSkipLike(job.span());
    }

    private JobCode visitSkipLike(Span span) {
        return new SimpleJob(span, false, (m, f) -> f.invocation.status = IntegerValue.ZERO);
    }

    @Override
    public JobCode visitBreak(BreakJob job) {
        return new SimpleJob(job.span(), false, (m, f) -> m.breakLoop());
    }

    @Override
    public JobCode visitContinue(ContinueJob job) {
        return new SimpleJob(job.span(), false, (m, f) -> m.continueLoop());
    }

    @Override
    public JobCode visitError(ErrorJob job) {
        throw new IllegalStateException("a flow with syntax errors cannot be compiled");
    }

    @Override
    public JobCode visitSimpleBlock(SimpleBlock block) {
        if (block.bindings().isEmpty()) {
            CompiledProgram.FlowCode body = compiler.flow(block.body(), lexical);
            return new SimpleJob(block.span(), false, (m, f) -> m.push(new FlowFrame(body, f.invocation, f.scope)));
        }
        List<String> names = new ArrayList<>();
        Eval[] values = new Eval[block.bindings().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ExprCompiler.compile(block.bindings().get(i).value(), lexical.block(names));
            names.add(block.bindings().get(i).name());
        }
        CompiledProgram.FlowCode body = compiler.flow(block.body(), lexical.block(names));
        return new SimpleJob(block.span(), false, (m, f) -> {
            Scope scope = new Scope(values.length, f.scope);
            for (int i = 0; i < values.length; i++) {
                scope.slots[i] = values[i].eval(scope, m);
            }
            m.push(new FlowFrame(body, f.invocation, scope));
        });
    }

    @Override
    public JobCode visitIf(IfBlock block) {
        int n = block.branches().size();
        Eval[] conditions = new Eval[n];
        CompiledProgram.FlowCode[] bodies = new CompiledProgram.FlowCode[n];
        for (int i = 0; i < n; i++) {
            IfBranch branch = block.branches().get(i);
            conditions[i] = branch.condition() == null ? IfJob.RESULT : expr(branch.condition());
            bodies[i] = compiler.flow(branch.body(), lexical);
        }
        return new IfJob(block.span(), conditions, bodies, elseBody(block.elseBody()));
    }

    @Override
    public JobCode visitCase(CaseBlock block) {
        Eval subject = block.subject() == null ? IfJob.RESULT : expr(block.subject());
        int n = block.clauses().size();
        Eval[][] patterns = new Eval[n][];
        CompiledProgram.FlowCode[] bodies = new CompiledProgram.FlowCode[n];
        for (int c = 0; c < n; c++) {
            CaseClause clause = block.clauses().get(c);
            patterns[c] = clause.patterns().stream().map(this::expr).toArray(Eval[]::new);
            bodies[c] = compiler.flow(clause.body(), lexical);
        }
        return new CaseJob(block.span(), subject, patterns, bodies, elseBody(block.elseBody()));
    }

    private CompiledProgram.FlowCode elseBody(dev.kompira.dsl.ast.Flow body) {
        return body == null ? null : compiler.flow(body, lexical);
    }

    @Override
    public JobCode visitFor(ForBlock block) {
        Eval iterable = expr(block.iterable());
        CompiledProgram.FlowCode body = compiler.flow(block.body(), lexical.block(List.of(block.variable())));
        CompiledProgram.ForCode code = compiler.register(id -> new CompiledProgram.ForCode(id, body));
        Span iterableSpan = block.iterable().span();
        return new SimpleJob(block.span(), false, (m, f) -> {
            List<Value> items = iterate(iterable.eval(f.scope, m), m, iterableSpan);
            m.push(new ForFrame(code, f.invocation, f.scope, items));
        });
    }

    /** The elements a {@code for} or {@code pfor} visits (D85), as a snapshot. */
    static List<Value> iterate(Value v, Machine m, Span span) {
        if (v instanceof IntegerValue n) {
            if (n.signum() > 0 && !n.fitsInt()) {
                throw m.locate(new JobflowError(ErrorCode.R_VALUE, "too many iterations: " + n), span);
            }
            return new IntegerRange(n.signum() <= 0 ? 0 : (int) n.longValue());
        }
        if (v instanceof ArrayValue a) {
            return a.snapshot();
        }
        if (v instanceof DictionaryValue d) {
            return d.keys();
        }
        if (v instanceof StringValue s) {
            return s.value().codePoints().mapToObj(c -> (Value) StringValue.of(new String(Character.toChars(c)))).toList();
        }
        if (v instanceof ObjectValue o) {
            return o.members();
        }
        if (v instanceof dev.kompira.core.value.Materializable lazy) {
            return lazy.materialize().snapshot();
        }
        if (v instanceof BinaryValue b) {
            List<Value> items = new ArrayList<>(b.length());
            for (int i = 0; i < b.length(); i++) {
                items.add(IntegerValue.of(b.unsignedAt(i)));
            }
            return items;
        }
        throw m.locate(new JobflowError(ErrorCode.R_ITERATE, v.typeName() + " value is not iterable"), span);
    }

    @Override
    public JobCode visitWhile(WhileBlock block) {
        Eval condition = expr(block.condition());
        CompiledProgram.FlowCode body = compiler.flow(block.body(), lexical);
        CompiledProgram.WhileCode code = compiler.register(
                id -> new CompiledProgram.WhileCode(id, condition, block.condition().span(), body));
        return new SimpleJob(block.span(), false, (m, f) -> m.push(new WhileFrame(code, f.invocation, f.scope)));
    }

    @Override
    public JobCode visitTry(TryBlock block) {
        CompiledProgram.FlowCode body = compiler.flow(block.body(), lexical);
        CompiledProgram.TryCode code = compiler.register(id -> new CompiledProgram.TryCode(id, body));
        return new SimpleJob(block.span(), false, (m, f) -> m.push(new TryFrame(code, f.invocation, f.scope)));
    }

    @Override
    public JobCode visitChoice(ChoiceBlock block) {
        return EventCompiler.choice(block, compiler, lexical);
    }

    @Override
    public JobCode visitFork(ForkBlock block) {
        CompiledProgram.FlowCode[] branches = block.branches().stream().map(b -> compiler.flow(b, lexical))
                .toArray(CompiledProgram.FlowCode[]::new);
        boolean effects = block.branches().stream().anyMatch(Effects::anywhere);
        CompiledProgram.ForkCode code = compiler.register(id -> new CompiledProgram.ForkCode(id, branches, effects));
        return new SimpleJob(block.span(), false, (m, f) -> m.push(new ForkFrame(code, f.invocation, f.scope, m)));
    }

    @Override
    public JobCode visitPfor(PforBlock block) {
        Eval iterable = expr(block.iterable());
        CompiledProgram.FlowCode body = compiler.flow(block.body(), lexical.block(List.of(block.variable())));
        boolean effects = Effects.anywhere(block.body());
        CompiledProgram.PforCode code = compiler.register(id -> new CompiledProgram.PforCode(id, body, effects));
        Span iterableSpan = block.iterable().span();
        return new SimpleJob(block.span(), false, (m, f) -> {
            List<Value> items = iterate(iterable.eval(f.scope, m), m, iterableSpan);
            m.push(new PforFrame(code, f.invocation, f.scope, items, m));
        });
    }

    @Override
    public JobCode visitSession(SessionBlock block) {
        CompiledProgram.FlowCode body = compiler.flow(block.body(), lexical.block(List.of(block.variable())));
        Slot[] controls = ControlVariables.NAMES.stream().map(lexical::resolve).toArray(Slot[]::new);
        return new SimpleJob(block.span(), false, (m, f) -> {
            Commands.Controls c = Commands.controls(m, f, controls);
            java.nio.charset.Charset encoding = Commands.encoding(c.vars().get("__encoding__")).charset();
            SessionRequest request = new SessionRequest(c.connection().target(), c.connection().shell(),
                    Commands.flag(c.vars(), "__use_pty__", false), Commands.flag(c.vars(), "__use_cache__", true), encoding);
            Transport transport = m.transportFor(request.target().conntype(), f.invocation);
            if (transport == null) {
                return;
            }
            m.sessionStarting();
            m.push(new SessionFrame(body, f.invocation, f.scope, transport, request, new SessionChannel(encoding, m.timer())));
        });
    }
}
