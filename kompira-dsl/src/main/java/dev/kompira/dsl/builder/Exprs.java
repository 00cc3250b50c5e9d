package dev.kompira.dsl.builder;

import dev.kompira.dsl.ast.Argument;
import dev.kompira.dsl.ast.ArrayDisplay;
import dev.kompira.dsl.ast.Attribute;
import dev.kompira.dsl.ast.BinaryLiteral;
import dev.kompira.dsl.ast.BinaryOperator;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BooleanLiteral;
import dev.kompira.dsl.ast.Call;
import dev.kompira.dsl.ast.DictDisplay;
import dev.kompira.dsl.ast.DoubleStarArgument;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.FloatLiteral;
import dev.kompira.dsl.ast.IntegerLiteral;
import dev.kompira.dsl.ast.KeyValue;
import dev.kompira.dsl.ast.KeywordArgument;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.NullLiteral;
import dev.kompira.dsl.ast.ObjectPath;
import dev.kompira.dsl.ast.Operand;
import dev.kompira.dsl.ast.OperatorChain;
import dev.kompira.dsl.ast.PatternKind;
import dev.kompira.dsl.ast.PatternLiteral;
import dev.kompira.dsl.ast.PositionalArgument;
import dev.kompira.dsl.ast.StarArgument;
import dev.kompira.dsl.ast.StatusVar;
import dev.kompira.dsl.ast.StringLiteral;
import dev.kompira.dsl.ast.Subscript;
import dev.kompira.dsl.ast.Unary;
import dev.kompira.dsl.ast.UnaryOperator;
import dev.kompira.dsl.lexer.CharClass;
import dev.kompira.dsl.source.Span;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds expressions and arguments in Java code. The trees are exactly those the parser builds for
 * the same source (with {@link Span#NONE} as their spans); {@link Flows} builds jobs and programs
 * from them.
 *
 * <pre>{@code
 * import static dev.kompira.dsl.builder.Exprs.*;
 *
 * Expr busy = gt(call("int", method(status("RESULT"), "strip")), integer(90));   // int($RESULT.strip()) > 90
 * }</pre>
 *
 * <p>Names are checked as they are given: an identifier that is a keyword or not an identifier at
 * all is an {@link IllegalArgumentException}. Thread-safe (stateless).
 */
public final class Exprs {

    private static final Span NONE = Span.NONE;

    private Exprs() {
    }

    // ---- names and paths ------------------------------------------------------------------------

    /** A variable reference. */
    public static Name var(String name) {
        return new Name(identifier(name), NONE);
    }

    /** A status variable: {@code RESULT}, {@code STATUS}, {@code ERROR}, {@code DEBUG} or {@code ENV}. */
    public static StatusVar status(String name) {
        if (!List.of("RESULT", "STATUS", "ERROR", "DEBUG", "ENV").contains(name)) {
            throw new IllegalArgumentException("unknown status variable '$" + name + "'; use RESULT, STATUS, ERROR, DEBUG or ENV");
        }
        return new StatusVar(name, NONE);
    }

    /** {@code $RESULT}: the result of the job before. */
    public static StatusVar result() {
        return status("RESULT");
    }

    /** {@code $STATUS}: the status of the job before (0 when it succeeded). */
    public static StatusVar status() {
        return status("STATUS");
    }

    /** {@code $ERROR}: the error text of the job before. */
    public static StatusVar error() {
        return status("ERROR");
    }

    /** {@code $ENV}: the process's environment Dictionary. */
    public static StatusVar env() {
        return status("ENV");
    }

    /** An object path such as {@code ./hosts} or {@code /system/types}; {@code "/"} is the root. */
    public static ObjectPath path(String path) {
        return new ObjectPath(path, NONE);
    }

    /** The root directory {@code /}. */
    public static ObjectPath root() {
        return path("/");
    }

    // ---- literals -------------------------------------------------------------------------------

    /** A string literal; {@code $name} and {@code ${name}} in it are interpolated when evaluated. */
    public static StringLiteral str(String value) {
        return new StringLiteral(value, NONE);
    }

    /** A binary literal. */
    public static BinaryLiteral bytes(byte... value) {
        return new BinaryLiteral(value, NONE);
    }

    /** An integer; a negative value becomes unary minus applied to its magnitude, as in source. */
    public static Expr integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /** An integer of any size; a negative value becomes unary minus applied to its magnitude. */
    public static Expr integer(BigInteger value) {
        IntegerLiteral magnitude = new IntegerLiteral(value.abs(), NONE);
        return value.signum() < 0 ? neg(magnitude) : magnitude;
    }

    /** A float; a negative value becomes unary minus applied to its magnitude. */
    public static Expr number(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN has no literal; compute it with float('nan')");
        }
        FloatLiteral magnitude = new FloatLiteral(Math.abs(value), NONE);
        return Double.doubleToRawLongBits(value) < 0 ? neg(magnitude) : magnitude;
    }

    /** {@code true} or {@code false}. */
    public static BooleanLiteral bool(boolean value) {
        return new BooleanLiteral(value, NONE);
    }

    /** {@code null}. */
    public static NullLiteral nullValue() {
        return new NullLiteral(NONE);
    }

    /** A regular-expression pattern {@code r'text'}. */
    public static PatternLiteral regex(String text) {
        return pattern(PatternKind.REGEX, text, false);
    }

    /** A glob pattern {@code g'text'}. */
    public static PatternLiteral glob(String text) {
        return pattern(PatternKind.GLOB, text, false);
    }

    /** An exact pattern {@code e'text'}. */
    public static PatternLiteral exact(String text) {
        return pattern(PatternKind.EXACT, text, false);
    }

    /** A pattern of any kind, case-insensitive when {@code ignoreCase} (the {@code i} flag). */
    public static PatternLiteral pattern(PatternKind kind, String text, boolean ignoreCase) {
        return new PatternLiteral(kind, text, ignoreCase, NONE);
    }

    /** An array display {@code [e1, e2, ...]}. */
    public static ArrayDisplay array(Expr... elements) {
        return new ArrayDisplay(Arrays.asList(elements), NONE);
    }

    /** A dictionary display with name keys: {@code {a = 1, b = 2}}. */
    public static DictDisplay dict(Binding... entries) {
        return new DictDisplay(Arrays.asList(entries), NONE);
    }

    /** A dictionary display with computed keys: {@code {'a': 1, k: 2}}. */
    public static DictDisplay dictOf(KeyValue... entries) {
        return new DictDisplay(Arrays.asList(entries), NONE);
    }

    /** {@code name = value}, for assignments, block bindings and {@link #dict(Binding...)}. */
    public static Binding bind(String name, Expr value) {
        return new Binding(identifier(name), value, NONE);
    }

    /** {@code key: value}, for {@link #dictOf(KeyValue...)}. */
    public static KeyValue entry(Expr key, Expr value) {
        return new KeyValue(key, value, NONE);
    }

    // ---- operators ------------------------------------------------------------------------------

    /** {@code -operand}. */
    public static Unary neg(Expr operand) {
        return new Unary(UnaryOperator.MINUS, operand, NONE);
    }

    /** {@code +operand}. */
    public static Unary plus(Expr operand) {
        return new Unary(UnaryOperator.PLUS, operand, NONE);
    }

    /** {@code not operand}. */
    public static Unary not(Expr operand) {
        return new Unary(UnaryOperator.NOT, operand, NONE);
    }

    /** {@code a + b + ...}. */
    public static Expr add(Expr first, Expr... rest) {
        return chain(BinaryOperator.ADD, first, rest);
    }

    /** {@code a - b - ...}. */
    public static Expr sub(Expr first, Expr... rest) {
        return chain(BinaryOperator.SUBTRACT, first, rest);
    }

    /** {@code a * b * ...}. */
    public static Expr mul(Expr first, Expr... rest) {
        return chain(BinaryOperator.MULTIPLY, first, rest);
    }

    /** {@code a / b / ...} (always a Float). */
    public static Expr div(Expr first, Expr... rest) {
        return chain(BinaryOperator.DIVIDE, first, rest);
    }

    /** {@code a % b}: remainder, or template expansion for a String. */
    public static Expr mod(Expr first, Expr second) {
        return chain(BinaryOperator.REMAINDER, first, second);
    }

    /** {@code a and b and ...}. */
    public static Expr and(Expr first, Expr... rest) {
        return chain(BinaryOperator.AND, first, rest);
    }

    /** {@code a or b or ...}. */
    public static Expr or(Expr first, Expr... rest) {
        return chain(BinaryOperator.OR, first, rest);
    }

    /** {@code element in container}. */
    public static Expr in(Expr element, Expr container) {
        return chain(BinaryOperator.IN, element, container);
    }

    /** {@code element not in container}. */
    public static Expr notIn(Expr element, Expr container) {
        return chain(BinaryOperator.NOT_IN, element, container);
    }

    /** {@code a == b}. */
    public static Expr eq(Expr a, Expr b) {
        return chain(BinaryOperator.EQ, a, b);
    }

    /** {@code a != b}. */
    public static Expr ne(Expr a, Expr b) {
        return chain(BinaryOperator.NE, a, b);
    }

    /** {@code a < b}. */
    public static Expr lt(Expr a, Expr b) {
        return chain(BinaryOperator.LT, a, b);
    }

    /** {@code a <= b}. */
    public static Expr le(Expr a, Expr b) {
        return chain(BinaryOperator.LE, a, b);
    }

    /** {@code a > b}. */
    public static Expr gt(Expr a, Expr b) {
        return chain(BinaryOperator.GT, a, b);
    }

    /** {@code a >= b}. */
    public static Expr ge(Expr a, Expr b) {
        return chain(BinaryOperator.GE, a, b);
    }

    /** {@code a =~ b}: similarity, or pattern matching when one side is a Pattern. */
    public static Expr matches(Expr a, Expr b) {
        return chain(BinaryOperator.MATCH, a, b);
    }

    /** {@code a !~ b}. */
    public static Expr notMatches(Expr a, Expr b) {
        return chain(BinaryOperator.NOT_MATCH, a, b);
    }

    /**
     * A chained comparison {@code a op1 b op2 c ...}, meaning {@code a op1 b and b op2 c}: pass the
     * first operand, then operators and operands alternately, e.g.
     * {@code compare(integer(1), LE, var("n"), LT, integer(10))}.
     */
    public static Expr compare(Expr first, Object... operatorsAndOperands) {
        if (operatorsAndOperands.length == 0 || operatorsAndOperands.length % 2 != 0) {
            throw new IllegalArgumentException("pass operators and operands in pairs after the first operand");
        }
        List<Operand> rest = new ArrayList<>();
        for (int i = 0; i < operatorsAndOperands.length; i += 2) {
            rest.add(new Operand((BinaryOperator) operatorsAndOperands[i], (Expr) operatorsAndOperands[i + 1]));
        }
        return new OperatorChain(first, rest, NONE);
    }

    /** {@code first op rest[0] op rest[1] ...} with one operator; a single operand is returned as is. */
    public static Expr chain(BinaryOperator operator, Expr first, Expr... rest) {
        if (rest.length == 0) {
            return first;
        }
        List<Operand> operands = new ArrayList<>();
        for (Expr operand : rest) {
            operands.add(new Operand(operator, operand));
        }
        return new OperatorChain(first, operands, NONE);
    }

    // ---- postfix --------------------------------------------------------------------------------

    /** {@code target.name}. */
    public static Attribute attr(Expr target, String name) {
        return new Attribute(target, identifier(name), NONE);
    }

    /** {@code target[index]}. */
    public static Subscript index(Expr target, Expr index) {
        return new Subscript(target, index, NONE);
    }

    /** {@code callee(positional...)}: a method, library function or any callable value. */
    public static Call call(Expr callee, Expr... positional) {
        return callWith(callee, args(positional));
    }

    /** {@code name(positional...)}: a built-in function (or a variable holding a callable). */
    public static Call call(String name, Expr... positional) {
        return callWith(var(name), args(positional));
    }

    /** {@code callee(arguments)} with any kind of argument ({@link #kw}, {@link #star}, ...). */
    public static Call callWith(Expr callee, Argument... arguments) {
        return new Call(callee, Arrays.asList(arguments), NONE);
    }

    /** {@code name(arguments)} with any kind of argument. */
    public static Call callWith(String name, Argument... arguments) {
        return callWith(var(name), arguments);
    }

    /** {@code target.method(positional...)}. */
    public static Call method(Expr target, String method, Expr... positional) {
        return callWith(attr(target, method), args(positional));
    }

    /** {@code target.method(arguments)} with any kind of argument. */
    public static Call methodWith(Expr target, String method, Argument... arguments) {
        return callWith(attr(target, method), arguments);
    }

    // ---- arguments ------------------------------------------------------------------------------

    /** A positional argument. */
    public static PositionalArgument arg(Expr value) {
        return new PositionalArgument(value, NONE);
    }

    /** Positional arguments. */
    public static Argument[] args(Expr... values) {
        Argument[] arguments = new Argument[values.length];
        for (int i = 0; i < values.length; i++) {
            arguments[i] = arg(values[i]);
        }
        return arguments;
    }

    /** A keyword argument {@code name=value}. */
    public static KeywordArgument kw(String name, Expr value) {
        return new KeywordArgument(identifier(name), value, NONE);
    }

    /** {@code *value}: the elements of an Array as positional arguments. */
    public static StarArgument star(Expr value) {
        return new StarArgument(value, NONE);
    }

    /** {@code **value}: the entries of a Dictionary as keyword arguments. */
    public static DoubleStarArgument doubleStar(Expr value) {
        return new DoubleStarArgument(value, NONE);
    }

    /** Returns {@code name} if it is a valid identifier and not a keyword; throws otherwise. */
    static String identifier(String name) {
        if (!CharClass.isIdentifier(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid name: names are identifiers (language.md §2.3) other than the 21 keywords");
        }
        return name;
    }
}
