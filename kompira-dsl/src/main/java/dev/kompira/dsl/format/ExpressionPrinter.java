package dev.kompira.dsl.format;

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
import dev.kompira.dsl.ast.Precedence;
import dev.kompira.dsl.ast.StarArgument;
import dev.kompira.dsl.ast.StatusVar;
import dev.kompira.dsl.ast.StringLiteral;
import dev.kompira.dsl.ast.Subscript;
import dev.kompira.dsl.ast.Unary;
import dev.kompira.dsl.ast.UnaryOperator;
import java.util.List;

/**
 * Writes expressions as canonical source: single spaces around binary operators, none inside
 * brackets, and parentheses exactly where the tree's shape needs them.
 *
 * <p>Inside an event job a {@code >} at bracket depth 0 would close the job (D20), so there a
 * comparison that uses {@code >} or {@code >=} is parenthesised. Not thread-safe; cheap to create.
 */
final class ExpressionPrinter implements ExprVisitor<Void> {

    private final StringBuilder out;
    private boolean eventTopLevel;

    ExpressionPrinter(StringBuilder out) {
        this.out = out;
    }

    /** Appends {@code expr}. */
    void print(Expr expr) {
        expr.accept(this);
    }

    /** Appends {@code expr} as part of an event job's head, guard or arguments. */
    void printInEvent(Expr expr) {
        boolean saved = eventTopLevel;
        eventTopLevel = true;
        print(expr);
        eventTopLevel = saved;
    }

    /** Appends the arguments of an event job, where a top-level {@code >} must be parenthesised. */
    void printArgumentsInEvent(List<Argument> arguments) {
        boolean saved = eventTopLevel;
        eventTopLevel = true;
        printArguments(arguments);
        eventTopLevel = saved;
    }

    /** Appends an argument list without its brackets. */
    void printArguments(List<Argument> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            printArgument(arguments.get(i));
        }
    }

    /** Appends {@code name = value} pairs separated by commas. */
    void printBindings(List<Binding> bindings) {
        for (int i = 0; i < bindings.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(bindings.get(i).name()).append(" = ");
            print(bindings.get(i).value());
        }
    }

    private void printArgument(Argument argument) {
        if (argument instanceof KeywordArgument) {
            out.append(((KeywordArgument) argument).name()).append('=');
            print(argument.value());
        } else if (argument instanceof StarArgument) {
            out.append('*');
            printAtom(argument.value());
        } else if (argument instanceof DoubleStarArgument) {
            out.append("**");
            printAtom(argument.value());
        } else if (argument instanceof PositionalArgument) {
            print(argument.value());
        }
    }

    private void printAtom(Expr expr) {
        printOperand(expr, expr.precedence() != Precedence.ATOM);
    }

    private void printOperand(Expr expr, boolean parenthesize) {
        if (!parenthesize) {
            print(expr);
            return;
        }
        out.append('(');
        bracketed(() -> print(expr));
        out.append(')');
    }

    private void bracketed(Runnable print) {
        boolean saved = eventTopLevel;
        eventTopLevel = false;
        print.run();
        eventTopLevel = saved;
    }

    @Override
    public Void visitName(Name expr) {
        out.append(expr.name());
        return null;
    }

    @Override
    public Void visitStatusVar(StatusVar expr) {
        out.append('$').append(expr.name());
        return null;
    }

    @Override
    public Void visitObjectPath(ObjectPath expr) {
        out.append(expr.path());
        return null;
    }

    @Override
    public Void visitString(StringLiteral expr) {
        out.append(LiteralSyntax.string(expr.value()));
        return null;
    }

    @Override
    public Void visitBinary(BinaryLiteral expr) {
        out.append(LiteralSyntax.binary(expr.bytes()));
        return null;
    }

    @Override
    public Void visitInteger(IntegerLiteral expr) {
        out.append(expr.value());
        return null;
    }

    @Override
    public Void visitFloat(FloatLiteral expr) {
        out.append(LiteralSyntax.floating(expr.value()));
        return null;
    }

    @Override
    public Void visitBoolean(BooleanLiteral expr) {
        out.append(expr.value());
        return null;
    }

    @Override
    public Void visitNull(NullLiteral expr) {
        out.append("null");
        return null;
    }

    @Override
    public Void visitPattern(PatternLiteral expr) {
        out.append(LiteralSyntax.pattern(expr.kind(), expr.text(), expr.ignoreCase()));
        return null;
    }

    @Override
    public Void visitArray(ArrayDisplay expr) {
        out.append('[');
        bracketed(() -> {
            for (int i = 0; i < expr.elements().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                print(expr.elements().get(i));
            }
        });
        out.append(']');
        return null;
    }

    @Override
    public Void visitDict(DictDisplay expr) {
        out.append('{');
        bracketed(() -> {
            for (int i = 0; i < expr.entries().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                printEntry(expr.entries().get(i));
            }
        });
        out.append('}');
        return null;
    }

    private void printEntry(DictEntry entry) {
        if (entry instanceof Binding) {
            out.append(((Binding) entry).name()).append(" = ");
        } else {
            print(((KeyValue) entry).key());
            out.append(": ");
        }
        print(entry.value());
    }

    @Override
    public Void visitUnary(Unary expr) {
        UnaryOperator operator = expr.operator();
        out.append(operator.symbol());
        if (operator == UnaryOperator.NOT) {
            out.append(' ');
            printOperand(expr.operand(), expr.operand().precedence().isLooserThan(Precedence.MEMBERSHIP));
        } else {
            printOperand(expr.operand(), expr.operand().precedence().isLooserThan(Precedence.UNARY));
        }
        return null;
    }

    @Override
    public Void visitChain(OperatorChain expr) {
        Precedence level = expr.precedence();
        if (eventTopLevel && level == Precedence.COMPARISON && usesGreater(expr)) {
            printOperand(expr, true);
            return null;
        }
        // The first operand groups to the left; a same-level chain there only survives for comparisons.
        printOperand(expr.first(), expr.first().precedence().compareTo(level) <= 0);
        for (Operand operand : expr.rest()) {
            out.append(' ').append(operand.operator().symbol()).append(' ');
            printOperand(operand.operand(), operand.operand().precedence().compareTo(level) <= 0);
        }
        return null;
    }

    private static boolean usesGreater(OperatorChain chain) {
        for (Operand operand : chain.rest()) {
            if (operand.operator() == BinaryOperator.GT || operand.operator() == BinaryOperator.GE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Void visitAttribute(Attribute expr) {
        printTarget(expr.target());
        out.append('.').append(expr.name());
        return null;
    }

    @Override
    public Void visitSubscript(Subscript expr) {
        printTarget(expr.target());
        out.append('[');
        bracketed(() -> print(expr.index()));
        out.append(']');
        return null;
    }

    @Override
    public Void visitCall(Call expr) {
        printTarget(expr.callee());
        out.append('(');
        bracketed(() -> printArguments(expr.arguments()));
        out.append(')');
        return null;
    }

    // A number before '.' would read as a float ('1.x'), so numbers are parenthesised too.
    private void printTarget(Expr target) {
        boolean number = target instanceof IntegerLiteral || target instanceof FloatLiteral;
        printOperand(target, number || target.precedence().isLooserThan(Precedence.POSTFIX));
    }

    @Override
    public Void visitError(ErrorExpr expr) {
        throw new IllegalArgumentException("cannot format a tree with syntax errors (an unparsed expression at "
                + expr.span().line() + ":" + expr.span().column() + ")");
    }
}
