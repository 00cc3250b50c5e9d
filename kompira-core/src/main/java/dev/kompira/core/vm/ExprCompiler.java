package dev.kompira.core.vm;

import dev.kompira.core.builtin.BuiltinFunction;
import dev.kompira.core.builtin.BuiltinFunctions;
import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Operators;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Templates;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.Argument;
import dev.kompira.dsl.ast.ArrayDisplay;
import dev.kompira.dsl.ast.Attribute;
import dev.kompira.dsl.ast.BinaryLiteral;
import dev.kompira.dsl.ast.BinaryOperator;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BooleanLiteral;
import dev.kompira.dsl.ast.Call;
import dev.kompira.dsl.ast.DictDisplay;
import dev.kompira.dsl.ast.DictEntry;
import dev.kompira.dsl.ast.DoubleStarArgument;
import dev.kompira.dsl.ast.ErrorExpr;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.ExprVisitor;
import dev.kompira.dsl.ast.FloatLiteral;
import dev.kompira.dsl.ast.IntegerLiteral;
import dev.kompira.dsl.ast.KeyValue;
import dev.kompira.dsl.ast.KeywordArgument;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.NullLiteral;
import dev.kompira.dsl.ast.ObjectPath;
import dev.kompira.dsl.ast.Operand;
import dev.kompira.dsl.ast.OperatorChain;
import dev.kompira.dsl.ast.PatternLiteral;
import dev.kompira.dsl.ast.PositionalArgument;
import dev.kompira.dsl.ast.StarArgument;
import dev.kompira.dsl.ast.StatusVar;
import dev.kompira.dsl.ast.StringLiteral;
import dev.kompira.dsl.ast.Subscript;
import dev.kompira.dsl.ast.Unary;
import dev.kompira.dsl.check.Builtins;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles expressions (language.md §7) into {@link Eval} closures. Names are resolved here, once;
 * operators that can fail attach their source position to the error so that the diagnostic points
 * at the operator's operand, call or subscript.
 */
final class ExprCompiler {

    private ExprCompiler() {
    }

    /** Compiles {@code expr} as seen from {@code lexical}. */
    static Eval compile(Expr expr, Lexical lexical) {
        return expr.accept(new Visitor(lexical));
    }

    /** One compilation per kind of expression, as seen from one lexical scope. */
    private record Visitor(Lexical lexical) implements ExprVisitor<Eval> {

        @Override
        public Eval visitInteger(IntegerLiteral i) {
            return constant(IntegerValue.of(i.value()));
        }

        @Override
        public Eval visitFloat(FloatLiteral f) {
            return constant(new FloatValue(f.value()));
        }

        @Override
        public Eval visitBoolean(BooleanLiteral b) {
            return constant(BooleanValue.of(b.value()));
        }

        @Override
        public Eval visitNull(NullLiteral n) {
            return constant(NullValue.NULL);
        }

        @Override
        public Eval visitBinary(BinaryLiteral b) {
            return constant(BinaryValue.of(b.bytes()));
        }

        @Override
        public Eval visitString(StringLiteral str) {
            return interpolated(str.value(), lexical);
        }

        @Override
        public Eval visitPattern(PatternLiteral p) {
            return pattern(p, lexical);
        }

        @Override
        public Eval visitName(Name n) {
            return name(n.name(), n.span(), lexical);
        }

        @Override
        public Eval visitStatusVar(StatusVar v) {
            return statusVariable(v.name());
        }

        @Override
        public Eval visitObjectPath(ObjectPath p) {
            String path = p.path();
            return located(p.span(), (s, m) -> m.resolveObject(path));
        }

        @Override
        public Eval visitArray(ArrayDisplay a) {
            return array(a, lexical);
        }

        @Override
        public Eval visitDict(DictDisplay d) {
            return dictionary(d, lexical);
        }

        @Override
        public Eval visitAttribute(Attribute a) {
            Eval target = compile(a.target(), lexical);
            String attr = a.name();
            return located(a.span(), (s, m) -> Members.attribute(target.eval(s, m), attr));
        }

        @Override
        public Eval visitSubscript(Subscript sub) {
            Eval target = compile(sub.target(), lexical);
            Eval index = compile(sub.index(), lexical);
            return located(sub.span(), (s, m) -> Members.subscript(target.eval(s, m), index.eval(s, m)));
        }

        @Override
        public Eval visitCall(Call c) {
            return call(c, lexical);
        }

        @Override
        public Eval visitUnary(Unary u) {
            return unary(u, lexical);
        }

        @Override
        public Eval visitChain(OperatorChain chain) {
            return ExprCompiler.chain(chain, lexical);
        }

        @Override
        public Eval visitError(ErrorExpr e) {
            throw new IllegalStateException("cannot compile an expression with syntax errors");
        }

        private static Eval constant(Value v) {
            return (s, m) -> v;
        }
    }

    /** Wraps {@code eval} so that an error without a position gets {@code span}. */
    static Eval located(Span span, Eval eval) {
        return (s, m) -> {
            try {
                return eval.eval(s, m);
            } catch (JobflowError e) {
                throw m.locate(e, span);
            }
        };
    }

    private static Eval name(String name, Span span, Lexical lexical) {
        Slot slot = lexical.resolve(name);
        boolean control = ControlVariables.isControlName(name);
        if (slot == null) {
            return (s, m) -> {
                throw m.locate(new JobflowError(ErrorCode.R_UNDEFINED, "undefined variable '" + name + "'"), span);
            };
        }
        int hops = slot.hops();
        int index = slot.index();
        if (control) {
            return (s, m) -> {
                Value v = s.up(hops).slots[index];
                return v != null ? v : m.environmentControl(name);
            };
        }
        if (hops == 0) {
            return (s, m) -> {
                Value v = s.slots[index];
                if (v == null) {
                    throw m.locate(new JobflowError(ErrorCode.R_UNDEFINED, "undefined variable '" + name + "'"), span);
                }
                return v;
            };
        }
        return (s, m) -> {
            Value v = s.up(hops).slots[index];
            if (v == null) {
                throw m.locate(new JobflowError(ErrorCode.R_UNDEFINED, "undefined variable '" + name + "'"), span);
            }
            return v;
        };
    }

    private static Eval statusVariable(String name) {
        switch (name) {
            case "RESULT":
                return (s, m) -> m.invocation().result;
            case "STATUS":
                return (s, m) -> m.invocation().status;
            case "ERROR":
                return (s, m) -> m.invocation().error;
            case "DEBUG":
                return (s, m) -> m.invocation().debug;
            case "ENV":
                return (s, m) -> m.invocation().env;
            default:
                throw new IllegalStateException("unknown status variable $" + name);
        }
    }

    /** Compiles a String literal with its {@code $name} / {@code ${name}} placeholders (§7.3, D60). */
    private static Eval interpolated(String text, Lexical lexical) {
        List<String> names = Templates.placeholders(text, '$');
        if (names.isEmpty() && text.indexOf("$$") < 0) {
            Value v = StringValue.of(text);
            return (s, m) -> v;
        }
        Map<String, Eval> lookups = new LinkedHashMap<>();
        for (String n : names) {
            lookups.computeIfAbsent(n, key -> placeholder(key, lexical));
        }
        return (s, m) -> StringValue.of(Templates.expand(text, '$', n -> lookups.get(n).eval(s, m)));
    }

    /** A placeholder's value: the visible variable, else the status variable of that name, else unresolved (Java null). */
    private static Eval placeholder(String name, Lexical lexical) {
        Slot slot = lexical.resolve(name);
        Eval status = isStatusName(name) ? statusVariable(name) : null;
        boolean control = ControlVariables.isControlName(name);
        return (s, m) -> {
            Value v = slot == null ? null : s.up(slot.hops()).slots[slot.index()];
            if (v == null && control) {
                Value env = m.environmentControl(name);
                v = env == NullValue.NULL ? null : env;
            }
            if (v == null && status != null) {
                v = status.eval(s, m);
            }
            return v;
        };
    }

    private static boolean isStatusName(String name) {
        return name.equals("RESULT") || name.equals("STATUS") || name.equals("ERROR") || name.equals("DEBUG")
                || name.equals("ENV");
    }

    /** A pattern literal: {@code ${name}} of a visible variable is substituted, nothing else (D18). */
    private static Eval pattern(PatternLiteral p, Lexical lexical) {
        List<String> names = bracedNames(p.text());
        if (names.isEmpty()) {
            return located(p.span(), (s, m) -> PatternValue.of(p.kind(), p.text(), p.ignoreCase()));
        }
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (String n : names) {
            slots.put(n, lexical.resolve(n));
        }
        return located(p.span(), (s, m) -> {
            StringBuilder out = new StringBuilder();
            String text = p.text();
            int i = 0;
            while (i < text.length()) {
                int open = text.indexOf("${", i);
                int close = open < 0 ? -1 : text.indexOf('}', open + 2);
                if (close < 0) {
                    out.append(text, i, text.length());
                    break;
                }
                Slot slot = slots.get(text.substring(open + 2, close));
                Value v = slot == null ? null : s.up(slot.hops()).slots[slot.index()];
                out.append(text, i, open).append(v == null ? text.substring(open, close + 1) : Rendering.text(v));
                i = close + 1;
            }
            return PatternValue.of(p.kind(), out.toString(), p.ignoreCase());
        });
    }

    private static List<String> bracedNames(String text) {
        List<String> names = new ArrayList<>();
        int i = text.indexOf("${");
        while (i >= 0) {
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                break;
            }
            names.add(text.substring(i + 2, close));
            i = text.indexOf("${", close + 1);
        }
        return names;
    }

    private static Eval array(ArrayDisplay a, Lexical lexical) {
        Eval[] elements = compileAll(a.elements(), lexical);
        return (s, m) -> {
            List<Value> items = new ArrayList<>(elements.length);
            for (Eval e : elements) {
                items.add(e.eval(s, m));
            }
            return new ArrayValue(items);
        };
    }

    private static Eval dictionary(DictDisplay d, Lexical lexical) {
        List<Eval> keys = new ArrayList<>();
        List<Eval> values = new ArrayList<>();
        for (DictEntry entry : d.entries()) {
            if (entry instanceof Binding b) {
                Value key = StringValue.of(b.name());
                keys.add((s, m) -> key);
                values.add(compile(b.value(), lexical));
            } else {
                KeyValue kv = (KeyValue) entry;
                keys.add(located(kv.key().span(), compile(kv.key(), lexical)));
                values.add(compile(kv.value(), lexical));
            }
        }
        Eval[] k = keys.toArray(new Eval[0]);
        Eval[] v = values.toArray(new Eval[0]);
        return located(d.span(), (s, m) -> {
            DictionaryValue dict = new DictionaryValue();
            for (int i = 0; i < k.length; i++) {
                Value key = k[i].eval(s, m);
                dict.put(key, v[i].eval(s, m));
            }
            return dict;
        });
    }

    private static Eval unary(Unary u, Lexical lexical) {
        Eval operand = compile(u.operand(), lexical);
        switch (u.operator()) {
            case NOT:
                return (s, m) -> BooleanValue.of(!operand.eval(s, m).truthy());
            case MINUS:
                return located(u.span(), (s, m) -> Operators.negate(operand.eval(s, m)));
            default:
                return located(u.span(), (s, m) -> Operators.plus(operand.eval(s, m)));
        }
    }

    private static Eval chain(OperatorChain chain, Lexical lexical) {
        BinaryOperator first = chain.rest().get(0).operator();
        if (first.precedence() == dev.kompira.dsl.ast.Precedence.COMPARISON) {
            return comparisonChain(chain, lexical);
        }
        Eval result = compile(chain.first(), lexical);
        for (Operand operand : chain.rest()) {
            Span span = chain.first().span().to(operand.operand().span());
            result = binary(operand.operator(), result, compile(operand.operand(), lexical), span);
        }
        return result;
    }

    private static Eval binary(BinaryOperator op, Eval left, Eval right, Span span) {
        switch (op) {
            case AND:
                return (s, m) -> {
                    Value l = left.eval(s, m);
                    return l.truthy() ? right.eval(s, m) : l;
                };
            case OR:
                return (s, m) -> {
                    Value l = left.eval(s, m);
                    return l.truthy() ? l : right.eval(s, m);
                };
            case ADD:
                return located(span, (s, m) -> Operators.add(left.eval(s, m), right.eval(s, m)));
            default:
                return located(span, (s, m) -> Operators.binary(op, left.eval(s, m), right.eval(s, m)));
        }
    }

    /** {@code a op1 b op2 c}: each operand evaluated at most once, stopping at the first false link (§7.8). */
    private static Eval comparisonChain(OperatorChain chain, Lexical lexical) {
        Eval first = compile(chain.first(), lexical);
        int n = chain.rest().size();
        BinaryOperator[] ops = new BinaryOperator[n];
        Eval[] operands = new Eval[n];
        Span[] spans = new Span[n];
        for (int i = 0; i < n; i++) {
            ops[i] = chain.rest().get(i).operator();
            operands[i] = compile(chain.rest().get(i).operand(), lexical);
            spans[i] = (i == 0 ? chain.first() : chain.rest().get(i - 1).operand()).span()
                    .to(chain.rest().get(i).operand().span());
        }
        if (n == 1) {
            return binary(ops[0], first, operands[0], spans[0]);
        }
        return (s, m) -> {
            Value left = first.eval(s, m);
            for (int i = 0; i < n; i++) {
                Value right = operands[i].eval(s, m);
                Value link;
                try {
                    link = Operators.binary(ops[i], left, right);
                } catch (JobflowError e) {
                    throw m.locate(e, spans[i]);
                }
                if (!link.truthy()) {
                    return BooleanValue.FALSE;
                }
                left = right;
            }
            return BooleanValue.TRUE;
        };
    }

    private static Eval[] compileAll(List<Expr> exprs, Lexical lexical) {
        Eval[] out = new Eval[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compile(exprs.get(i), lexical);
        }
        return out;
    }

    private static Eval call(Call c, Lexical lexical) {
        ArgumentsCode arguments = ArgumentsCode.compile(c.arguments(), lexical);
        if (c.callee() instanceof Name n && Builtins.isFunction(n.name())) {
            String name = n.name();
            return located(c.span(), (s, m) -> m.callBuiltinFunction(name, arguments.eval(s, m)));
        }
        Eval callee = compile(c.callee(), lexical);
        Eval timeout = control("__timeout__", lexical);
        return located(c.span(), (s, m) -> callValue(m, callee.eval(s, m), arguments.eval(s, m), timeout.eval(s, m)));
    }

    /** Returns the value of control variable {@code name} as seen from {@code lexical}: its variable, else {@code $ENV}'s entry. */
    static Eval control(String name, Lexical lexical) {
        return name(name, Span.NONE, lexical);
    }

    /** Calls a callable value in an expression (§7.4): a Method, or a library function (objects.md §4.6). */
    private static Value callValue(Machine m, Value callee, Arguments arguments, Value timeout) {
        if (callee instanceof dev.kompira.core.value.MethodValue method) {
            if (method.receiver() instanceof ObjectValue lib && lib.isLibraryFunction(method.name())) {
                return LibraryCalls.inExpression(m, lib, method.name(), arguments, timeout);
            }
            if (method.receiver() instanceof ObjectValue server && method.name().equals(ObjectValue.CONN_CHECK)
                    && (server.isSmtpServer() || server.isMailChannel())) {
                return MailJobs.connCheckInExpression(m, server, arguments);
            }
            return Members.call(method.receiver(), method.name(), arguments);
        }
        throw new JobflowError(ErrorCode.R_CALL, callee.typeName() + " value is not callable");
    }

    /** Returns the function for a built-in name, or Java null when the engine does not provide it. */
    static BuiltinFunction builtin(String name) {
        return BuiltinFunctions.get(name);
    }

    /** Compiled argument lists: positional, keyword, {@code *args} and {@code **kwargs}, in source order. */
    record ArgumentsCode(List<Argument> source, Eval[] values, boolean onlyPositional) {

        static ArgumentsCode compile(List<Argument> arguments, Lexical lexical) {
            Eval[] values = new Eval[arguments.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ExprCompiler.compile(valueOf(arguments.get(i)), lexical);
            }
            boolean onlyPositional = arguments.stream().allMatch(a -> a instanceof PositionalArgument);
            return new ArgumentsCode(List.copyOf(arguments), values, onlyPositional);
        }

        private static Expr valueOf(Argument a) {
            if (a instanceof PositionalArgument p) {
                return p.value();
            }
            if (a instanceof KeywordArgument k) {
                return k.value();
            }
            if (a instanceof StarArgument st) {
                return st.value();
            }
            return ((DoubleStarArgument) a).value();
        }

        Arguments eval(Scope s, Machine m) {
            if (values.length == 0) {
                return Arguments.NONE;
            }
            if (onlyPositional) {
                Value[] positional = new Value[values.length];
                for (int i = 0; i < positional.length; i++) {
                    positional[i] = values[i].eval(s, m);
                }
                return new Arguments(List.of(positional), Map.of());
            }
            List<Value> positional = new ArrayList<>();
            Map<String, Value> keywords = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                Argument a = source.get(i);
                Value v = values[i].eval(s, m);
                if (a instanceof PositionalArgument) {
                    positional.add(v);
                } else if (a instanceof KeywordArgument k) {
                    putKeyword(keywords, k.name(), v, m, a.span());
                } else if (a instanceof StarArgument) {
                    positional.addAll(spread(v, m, a.span()));
                } else {
                    spreadKeywords(keywords, v, m, a.span());
                }
            }
            return new Arguments(positional, keywords);
        }

        private static List<Value> spread(Value v, Machine m, Span span) {
            if (v instanceof ArrayValue array) {
                return array.snapshot();
            }
            throw m.locate(new JobflowError(ErrorCode.R_TYPE, "expected Array, got " + v.typeName()), span);
        }

        private static void spreadKeywords(Map<String, Value> keywords, Value v, Machine m, Span span) {
            if (!(v instanceof DictionaryValue dict)) {
                throw m.locate(new JobflowError(ErrorCode.R_TYPE, "expected Dictionary, got " + v.typeName()), span);
            }
            for (Map.Entry<Value, Value> e : dict.entries()) {
                if (!(e.getKey() instanceof StringValue key)) {
                    throw m.locate(new JobflowError(ErrorCode.R_TYPE, "expected String, got " + e.getKey().typeName()), span);
                }
                putKeyword(keywords, key.value(), e.getValue(), m, span);
            }
        }

        private static void putKeyword(Map<String, Value> keywords, String name, Value v, Machine m, Span span) {
            if (keywords.put(name, v) != null) {
                throw m.locate(new JobflowError(ErrorCode.R_ARGUMENT, "got multiple values for keyword argument '" + name + "'"), span);
            }
        }
    }
}
