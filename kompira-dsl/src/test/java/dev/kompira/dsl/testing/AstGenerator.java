package dev.kompira.dsl.testing;

import dev.kompira.dsl.ast.Argument;
import dev.kompira.dsl.ast.ArrayDisplay;
import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Attribute;
import dev.kompira.dsl.ast.BinaryLiteral;
import dev.kompira.dsl.ast.BinaryOperator;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BooleanLiteral;
import dev.kompira.dsl.ast.BreakJob;
import dev.kompira.dsl.ast.BuiltinJob;
import dev.kompira.dsl.ast.Call;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.ChoiceBlock;
import dev.kompira.dsl.ast.Connector;
import dev.kompira.dsl.ast.ContinueJob;
import dev.kompira.dsl.ast.DictDisplay;
import dev.kompira.dsl.ast.DictEntry;
import dev.kompira.dsl.ast.DoubleStarArgument;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.ExecutionJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.FloatLiteral;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.GuardMode;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.IntegerLiteral;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.KeyValue;
import dev.kompira.dsl.ast.KeywordArgument;
import dev.kompira.dsl.ast.Link;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.NullLiteral;
import dev.kompira.dsl.ast.ObjectPath;
import dev.kompira.dsl.ast.Operand;
import dev.kompira.dsl.ast.OperatorChain;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.PatternKind;
import dev.kompira.dsl.ast.PatternLiteral;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.PositionalArgument;
import dev.kompira.dsl.ast.Precedence;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.SkipJob;
import dev.kompira.dsl.ast.StarArgument;
import dev.kompira.dsl.ast.StatusVar;
import dev.kompira.dsl.ast.StringLiteral;
import dev.kompira.dsl.ast.Subscript;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.Unary;
import dev.kompira.dsl.ast.UnaryOperator;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.ast.WhileBlock;
import dev.kompira.dsl.format.LiteralSyntax;
import dev.kompira.dsl.source.Span;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of syntax trees covering every node kind, operator, connector and
 * literal form. Every choice is drawn from the {@link RandomnessSource}, so QuickTheories can shrink
 * a failing tree. Generated trees are syntactically valid (they need not pass the static checks).
 */
public final class AstGenerator {

    private static final List<String> NAMES = List.of("a", "b", "host", "x1", "_tmp", "ノード", "__host__", "nodes", "データ", "i", "η");
    private static final List<String> STATUS = List.of("RESULT", "STATUS", "ERROR", "DEBUG", "ENV");
    private static final List<String> PATHS = List.of("./", "../", "./servers", "../lib/common", "/system/types", "./a/../b", "/", "./for", "../../");
    private static final List<String> TEXT = List.of("a", "Z", " ", "'", "\"", "\\", "\n", "\r", "\t", "$", "{", "}", "é", "日",
            "😀", "\u0001", "#", "d", "x", "u", "0", "n", "''", "\"\"\"", "${a}", "$$");
    private static final List<Double> FLOATS = List.of(0.0, 0.5, 1.0, 10.0, 6.02e23, 1e-7, 123.456, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, 1e300, 5e-324, 0.1);

    private final RandomnessSource in;

    private AstGenerator(RandomnessSource in) {
        this.in = in;
    }

    /** Generates whole programs. */
    public static Gen<Program> programs() {
        return in -> new AstGenerator(in).program();
    }

    /** Generates expressions. */
    public static Gen<Expr> expressions() {
        return in -> new AstGenerator(in).expr(3);
    }

    private int below(int bound) {
        return (int) in.next(Constraint.between(0, bound - 1));
    }

    private boolean chance() {
        return below(2) == 1;
    }

    private <T> T pick(List<T> options) {
        return options.get(below(options.size()));
    }

    private String name() {
        return pick(NAMES);
    }

    Program program() {
        List<Parameter> parameters = new ArrayList<>();
        for (int i = below(3); i > 0; i--) {
            parameters.add(new Parameter(name(), chance() ? expr(2) : null, Span.NONE));
        }
        return new Program(parameters, below(8) == 0 ? null : flow(3), Span.NONE);
    }

    Flow flow(int depth) {
        return flowStartingWith(job(depth), depth);
    }

    private Flow flowStartingWith(Job first, int depth) {
        List<Link> links = new ArrayList<>();
        for (int i = below(4); i > 0; i--) {
            links.add(new Link(pick(Arrays.asList(Connector.values())), job(depth), Span.NONE));
        }
        return new Flow(first, links, Span.NONE);
    }

    Job job(int depth) {
        int kind = below(depth > 0 ? 21 : 10);
        switch (kind) {
            case 0: return new SkipJob(Span.NONE);
            case 1: return new ExecutionJob(expr(2), chance() ? expr(2) : null, chance() ? arguments(true) : List.of(), Span.NONE);
            case 2: return new AssignmentJob(bindings(), Span.NONE);
            case 3: return new UpdateJob(expr(2), updateTarget(), Span.NONE);
            case 4: return eventJob();
            case 5: return new ImmediateEventJob(Span.NONE);
            case 6: return new BuiltinJob(name(), arguments(false), Span.NONE);
            case 7: return new BreakJob(Span.NONE);
            case 8: return new ContinueJob(Span.NONE);
            case 9: return new ExecutionJob(new StringLiteral("echo " + name(), Span.NONE), null, List.of(), Span.NONE);
            default: return block(kind, depth - 1);
        }
    }

    private Job block(int kind, int depth) {
        switch (kind) {
            case 10: return new SimpleBlock(chance() ? bindings() : List.of(), flow(depth), Span.NONE);
            case 11: return ifBlock(depth);
            case 12: return caseBlock(depth);
            case 13: return new ForBlock(name(), expr(2), flow(depth), Span.NONE);
            case 14: return new PforBlock(name(), expr(2), flow(depth), Span.NONE);
            case 15: return new WhileBlock(expr(2), flow(depth), Span.NONE);
            case 16: return choiceBlock(depth);
            case 17: return new ForkBlock(flows(depth), Span.NONE);
            case 18: return new SessionBlock(name(), flow(depth), Span.NONE);
            case 19: return new TryBlock(flow(depth), Span.NONE);
            default: return new SimpleBlock(List.of(), flow(depth), Span.NONE);
        }
    }

    private List<Flow> flows(int depth) {
        List<Flow> flows = new ArrayList<>();
        for (int i = 1 + below(3); i > 0; i--) {
            flows.add(flow(depth));
        }
        return flows;
    }

    private Job ifBlock(int depth) {
        List<IfBranch> branches = new ArrayList<>();
        branches.add(new IfBranch(below(4) == 0 ? null : expr(2), flow(depth), Span.NONE));
        for (int i = below(3); i > 0; i--) {
            branches.add(new IfBranch(expr(2), flow(depth), Span.NONE));
        }
        return new IfBlock(branches, chance() ? flow(depth) : null, Span.NONE);
    }

    private Job caseBlock(int depth) {
        List<CaseClause> clauses = new ArrayList<>();
        for (int i = 1 + below(3); i > 0; i--) {
            clauses.add(new CaseClause(expressions(1 + below(3), 2), flow(depth), Span.NONE));
        }
        return new CaseBlock(chance() ? expr(2) : null, clauses, chance() ? flow(depth) : null, Span.NONE);
    }

    private Job choiceBlock(int depth) {
        List<Flow> flows = new ArrayList<>();
        for (int i = 1 + below(3); i > 0; i--) {
            Job first = below(4) == 0 ? new ImmediateEventJob(Span.NONE) : eventJob();
            List<Link> links = new ArrayList<>(flowStartingWith(first, depth).links());
            links.add(0, new Link(pick(Arrays.asList(Connector.values())), job(depth), Span.NONE));
            flows.add(new Flow(first, links, Span.NONE));
        }
        return new ChoiceBlock(flows, Span.NONE);
    }

    private EventJob eventJob() {
        GuardMode mode = pick(Arrays.asList(GuardMode.values()));
        return new EventJob(expr(2), mode, mode == GuardMode.NONE ? null : expr(2), chance() ? arguments(true) : List.of(), Span.NONE);
    }

    private List<Binding> bindings() {
        List<Binding> bindings = new ArrayList<>();
        for (int i = 1 + below(3); i > 0; i--) {
            bindings.add(new Binding(name(), expr(2), Span.NONE));
        }
        return bindings;
    }

    private Expr updateTarget() {
        int root = below(3);
        Expr target = root == 0 ? name(0) : root == 1 ? new ObjectPath(pick(PATHS), Span.NONE) : new StatusVar(pick(STATUS), Span.NONE);
        int selectors = below(3) + (root == 2 ? 1 : 0);
        for (int i = 0; i < selectors; i++) {
            target = chance() ? new Attribute(target, name(), Span.NONE) : new Subscript(target, expr(1), Span.NONE);
        }
        return target;
    }

    private List<Argument> arguments(boolean atLeastOne) {
        List<Argument> arguments = new ArrayList<>();
        for (int i = below(3); i > 0; i--) {
            arguments.add(new PositionalArgument(expr(2), Span.NONE));
        }
        if (below(4) == 0) {
            arguments.add(new StarArgument(expr(1), Span.NONE));
        }
        for (int i = below(3); i > 0; i--) {
            arguments.add(new KeywordArgument(name(), expr(2), Span.NONE));
        }
        if (below(4) == 0) {
            arguments.add(new DoubleStarArgument(expr(1), Span.NONE));
        }
        if (atLeastOne && arguments.isEmpty()) {
            arguments.add(new PositionalArgument(expr(1), Span.NONE));
        }
        return arguments;
    }

    private List<Expr> expressions(int count, int depth) {
        List<Expr> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(expr(depth));
        }
        return list;
    }

    Expr expr(int depth) {
        int kind = below(depth > 0 ? 18 : 10);
        switch (kind) {
            case 0: return name(depth);
            case 1: return new StatusVar(pick(STATUS), Span.NONE);
            case 2: return new ObjectPath(pick(PATHS), Span.NONE);
            case 3: return new StringLiteral(text(), Span.NONE);
            case 4: return new BinaryLiteral(bytes(), Span.NONE);
            case 5: return new IntegerLiteral(integer(), Span.NONE);
            case 6: return new FloatLiteral(pick(FLOATS), Span.NONE);
            case 7: return new BooleanLiteral(chance(), Span.NONE);
            case 8: return new NullLiteral(Span.NONE);
            case 9: return pattern();
            case 10: return new ArrayDisplay(expressions(below(3), depth - 1), Span.NONE);
            case 11: return dict(depth - 1);
            case 12: return new Unary(pick(Arrays.asList(UnaryOperator.values())), expr(depth - 1), Span.NONE);
            case 13: case 14: return chain(depth - 1);
            case 15: return new Attribute(expr(depth - 1), name(), Span.NONE);
            case 16: return new Subscript(expr(depth - 1), expr(depth - 1), Span.NONE);
            default: return new Call(chance() ? name(0) : expr(depth - 1), arguments(false), Span.NONE);
        }
    }

    private Expr name(int depth) {
        return new Name(name(), Span.NONE);
    }

    private Expr dict(int depth) {
        List<DictEntry> entries = new ArrayList<>();
        boolean named = chance();
        for (int i = below(3); i > 0; i--) {
            entries.add(named ? new Binding(name(), expr(depth), Span.NONE) : new KeyValue(expr(depth), expr(depth), Span.NONE));
        }
        return new DictDisplay(entries, Span.NONE);
    }

    private Expr chain(int depth) {
        List<Precedence> levels = List.of(Precedence.OR, Precedence.AND, Precedence.MEMBERSHIP, Precedence.COMPARISON,
                Precedence.ADDITIVE, Precedence.MULTIPLICATIVE);
        Precedence level = pick(levels);
        List<BinaryOperator> operators = new ArrayList<>();
        for (BinaryOperator operator : BinaryOperator.values()) {
            if (operator.precedence() == level) {
                operators.add(operator);
            }
        }
        List<Operand> rest = new ArrayList<>();
        for (int i = 1 + below(3); i > 0; i--) {
            rest.add(new Operand(pick(operators), expr(depth)));
        }
        return new OperatorChain(expr(depth), rest, Span.NONE);
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = below(9); i > 0; i--) {
            text.append(pick(TEXT));
        }
        return text.toString();
    }

    private byte[] bytes() {
        byte[] bytes = new byte[below(6)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) below(256);
        }
        return bytes;
    }

    private BigInteger integer() {
        return chance() ? BigInteger.valueOf(below(1000)) : new BigInteger("123456789012345678901234567890").multiply(BigInteger.valueOf(below(50)));
    }

    private Expr pattern() {
        PatternKind kind = pick(Arrays.asList(PatternKind.values()));
        String text = text().replace("\r", "");
        try {
            LiteralSyntax.pattern(kind, text, false);
        } catch (IllegalArgumentException unrepresentable) {
            text = "x";
        }
        return new PatternLiteral(kind, text, chance(), Span.NONE);
    }
}
