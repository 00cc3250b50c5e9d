package dev.kompira.dsl.parser;

import dev.kompira.dsl.ast.ArrayDisplay;
import dev.kompira.dsl.ast.Argument;
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
import dev.kompira.dsl.lexer.PatternToken;
import dev.kompira.dsl.lexer.Token;
import dev.kompira.dsl.lexer.TokenKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Parses expressions, argument lists and update targets with the precedence of language.md §7.1.
 *
 * <p>Inside an event job a {@code >} at bracket depth 0 closes the job (decision D20): while
 * {@link #inEvent(Supplier)} is active, {@code >} and {@code >=} are not comparison operators, and
 * any bracket restores them.
 */
final class ExpressionParser {

    private final ParseContext ctx;
    private final TokenStream tokens;
    private boolean eventContext;

    ExpressionParser(ParseContext ctx) {
        this.ctx = ctx;
        this.tokens = ctx.tokens;
    }

    /** Parses with {@code >} reserved for closing an event job. */
    <T> T inEvent(Supplier<T> parse) {
        boolean saved = eventContext;
        eventContext = true;
        try {
            return parse.get();
        } finally {
            eventContext = saved;
        }
    }

    /** Parses an expression. */
    Expr expression() {
        return operand(Precedence.OR);
    }

    /**
     * Parses an expression whose operators bind at least as tightly as {@code min}, by precedence
     * climbing: operators of one level are collected into one flat {@link OperatorChain}, and the
     * operands of a level are parsed at the next tighter level. One Java frame per nested operand
     * keeps deep input within a small stack.
     */
    private Expr operand(Precedence min) {
        Token start = tokens.peek();
        Expr left = start.kind() == TokenKind.NOT && !Precedence.NOT.isLooserThan(min) ? not() : unary();
        for (BinaryOperator operator = infixOperator(); operator != null && !operator.precedence().isLooserThan(min);
                operator = infixOperator()) {
            Precedence level = operator.precedence();
            List<Operand> rest = new ArrayList<>();
            while (operator != null && operator.precedence() == level) {
                consumeOperator(operator);
                rest.add(new Operand(operator, operand(tighter(level))));
                operator = infixOperator();
            }
            left = new OperatorChain(left, rest, ctx.spanFrom(start));
        }
        return left;
    }

    private static Precedence tighter(Precedence level) {
        return Precedence.values()[level.ordinal() + 1];
    }

    // Decision D22: the operand of 'not' is a membership expression, so 'not not x' is rejected.
    private Expr not() {
        Token operator = tokens.peek();
        if (!ctx.enter(operator)) {
            skipPrefixOperators();
            return operand(Precedence.MEMBERSHIP);
        }
        try {
            tokens.advance();
            Expr operand = operand(Precedence.MEMBERSHIP);
            return new Unary(UnaryOperator.NOT, operand, ctx.spanFrom(operator));
        } finally {
            ctx.leave();
        }
    }

    /** Returns the binary operator at the current token, or {@code null}. */
    private BinaryOperator infixOperator() {
        switch (tokens.peek().kind()) {
            case OR: return BinaryOperator.OR;
            case AND: return BinaryOperator.AND;
            case IN: return BinaryOperator.IN;
            case NOT: return tokens.peek(1).kind() == TokenKind.IN ? BinaryOperator.NOT_IN : null;
            case LT: return BinaryOperator.LT;
            case LE: return BinaryOperator.LE;
            case GT: return eventContext ? null : BinaryOperator.GT;
            case GE: return eventContext ? null : BinaryOperator.GE;
            case EQ: return BinaryOperator.EQ;
            case NE: return BinaryOperator.NE;
            case MATCH: return BinaryOperator.MATCH;
            case NOT_MATCH: return BinaryOperator.NOT_MATCH;
            case PLUS: return BinaryOperator.ADD;
            case MINUS: return BinaryOperator.SUBTRACT;
            case STAR: return BinaryOperator.MULTIPLY;
            case SLASH: return BinaryOperator.DIVIDE;
            case PERCENT: return BinaryOperator.REMAINDER;
            default: return null;
        }
    }

    private void consumeOperator(BinaryOperator operator) {
        tokens.advance();
        if (operator == BinaryOperator.NOT_IN) {
            tokens.advance();
        }
    }

    private Expr unary() {
        TokenKind kind = tokens.peek().kind();
        if (kind != TokenKind.PLUS && kind != TokenKind.MINUS) {
            return postfix();
        }
        Token operator = tokens.peek();
        if (!ctx.enter(operator)) {
            skipPrefixOperators();
            return postfix();
        }
        try {
            tokens.advance();
            Expr operand = unary();
            UnaryOperator op = kind == TokenKind.PLUS ? UnaryOperator.PLUS : UnaryOperator.MINUS;
            return new Unary(op, operand, ctx.spanFrom(operator));
        } finally {
            ctx.leave();
        }
    }

    private void skipPrefixOperators() {
        while (tokens.at(TokenKind.PLUS) || tokens.at(TokenKind.MINUS) || tokens.at(TokenKind.NOT)) {
            tokens.advance();
        }
    }

    private Expr postfix() {
        Token start = tokens.peek();
        Expr expr = atom();
        int levels = 0;
        try {
            while (startsSelector(tokens.peek().kind())) {
                if (!ctx.enter(tokens.peek())) {
                    skipSelectors();
                    break;
                }
                levels++;
                expr = selector(expr, start);
            }
            return expr;
        } finally {
            for (int i = 0; i < levels; i++) {
                ctx.leave();
            }
        }
    }

    private static boolean startsSelector(TokenKind kind) {
        return kind == TokenKind.DOT || kind == TokenKind.LBRACKET || kind == TokenKind.LPAREN;
    }

    private Expr selector(Expr target, Token start) {
        Token token = tokens.advance();
        if (token.kind() == TokenKind.DOT) {
            return new Attribute(target, ctx.name("an attribute name after '.'"), ctx.spanFrom(start));
        }
        boolean savedEventContext = eventContext;
        eventContext = false;
        try {
            if (token.kind() == TokenKind.LBRACKET) {
                Expr index = expression();
                ctx.expect(TokenKind.RBRACKET, "']'");
                return new Subscript(target, index, ctx.spanFrom(start));
            }
            List<Argument> arguments = arguments(TokenKind.RPAREN, false);
            ctx.expect(TokenKind.RPAREN, "',' or ')'");
            return new Call(target, arguments, ctx.spanFrom(start));
        } finally {
            eventContext = savedEventContext;
        }
    }

    private void skipSelectors() {
        while (startsSelector(tokens.peek().kind())) {
            if (tokens.at(TokenKind.DOT)) {
                tokens.advance();
                tokens.advance();
            } else {
                ctx.skipBalanced();
            }
        }
    }

    /** Parses an atom (language.md §3): the operand of {@code *} and {@code **} arguments. */
    Expr atom() {
        Token token = tokens.peek();
        switch (token.kind()) {
            case IDENTIFIER:
                tokens.advance();
                return new Name(token.name(), token.span());
            case SPECIAL_IDENTIFIER:
                tokens.advance();
                return new StatusVar(token.name(), token.span());
            case OBJECT_PATH:
            case ROOT:
                tokens.advance();
                return new ObjectPath(token.raw(), token.span());
            case STRING:
                tokens.advance();
                return new StringLiteral((String) token.value(), token.span());
            case BINARY:
                tokens.advance();
                return new BinaryLiteral((byte[]) token.value(), token.span());
            case INTEGER:
                tokens.advance();
                return new IntegerLiteral((BigInteger) token.value(), token.span());
            case FLOAT:
                tokens.advance();
                return new FloatLiteral((Double) token.value(), token.span());
            case PATTERN: {
                tokens.advance();
                PatternToken pattern = (PatternToken) token.value();
                return new PatternLiteral(pattern.kind(), pattern.text(), pattern.ignoreCase(), token.span());
            }
            case TRUE:
            case FALSE:
                tokens.advance();
                return new BooleanLiteral(token.kind() == TokenKind.TRUE, token.span());
            case NULL:
                tokens.advance();
                return new NullLiteral(token.span());
            case LPAREN:
            case LBRACKET:
            case LBRACE:
                return nested(token);
            default:
                throw ctx.unexpected("an expression");
        }
    }

    /** Parses a parenthesised expression or a display; brackets end the event context (D20). */
    private Expr nested(Token opener) {
        if (!ctx.enter(opener)) {
            ctx.skipBalanced();
            return new ErrorExpr(ctx.spanFrom(opener));
        }
        boolean savedEventContext = eventContext;
        eventContext = false;
        try {
            switch (opener.kind()) {
                case LPAREN: return parenthesized();
                case LBRACKET: return arrayDisplay();
                default: return dictDisplay();
            }
        } finally {
            eventContext = savedEventContext;
            ctx.leave();
        }
    }

    private Expr parenthesized() {
        tokens.advance();
        Expr inner = expression();
        ctx.expect(TokenKind.RPAREN, "')'");
        return inner;
    }

    private Expr arrayDisplay() {
        Token open = tokens.advance();
        List<Expr> elements = new ArrayList<>();
        if (!tokens.at(TokenKind.RBRACKET)) {
            elements.add(expression());
            while (tokens.match(TokenKind.COMMA)) {
                rejectTrailingComma(TokenKind.RBRACKET, "an expression");
                elements.add(expression());
            }
        }
        ctx.expect(TokenKind.RBRACKET, "',' or ']'");
        return new ArrayDisplay(elements, ctx.spanFrom(open));
    }

    private Expr dictDisplay() {
        Token open = tokens.advance();
        List<DictEntry> entries = new ArrayList<>();
        if (!tokens.at(TokenKind.RBRACE)) {
            boolean named = ctx.atBinding();
            entries.add(named ? binding() : keyValue());
            while (tokens.match(TokenKind.COMMA)) {
                rejectTrailingComma(TokenKind.RBRACE, "a dictionary entry");
                if (named != ctx.atBinding()) {
                    ctx.reportUnexpected(tokens.peek(), named ? "a 'name = value' entry" : "a 'key: value' entry",
                            " (a dictionary display cannot mix 'name = value' and 'key: value' entries)");
                    throw new SyntaxError();
                }
                entries.add(named ? binding() : keyValue());
            }
        }
        ctx.expect(TokenKind.RBRACE, "',' or '}'");
        return new DictDisplay(entries, ctx.spanFrom(open));
    }

    private KeyValue keyValue() {
        Token start = tokens.peek();
        Expr key = expression();
        ctx.expect(TokenKind.COLON, "':'");
        Expr value = expression();
        return new KeyValue(key, value, ctx.spanFrom(start));
    }

    /**
     * Parses {@code name = expression}. A status variable or keyword as the name is reported and
     * parsing goes on.
     */
    Binding binding() {
        Token start = tokens.peek();
        String name;
        if (start.kind() == TokenKind.SPECIAL_IDENTIFIER) {
            ctx.assignToStatus(start.span(), start.name());
            name = tokens.advance().name();
        } else {
            name = ctx.name("a name");
        }
        ctx.expect(TokenKind.ASSIGN, "'='");
        Expr value = expression();
        return new Binding(name, value, ctx.spanFrom(start));
    }

    /** Parses {@code binding {, binding}}. */
    List<Binding> bindings(TokenKind closer) {
        List<Binding> bindings = new ArrayList<>();
        bindings.add(binding());
        while (tokens.match(TokenKind.COMMA)) {
            rejectTrailingComma(closer, "a binding");
            bindings.add(binding());
        }
        return bindings;
    }

    /** Parses {@code expression {, expression}}. */
    List<Expr> expressionList(TokenKind closer) {
        List<Expr> list = new ArrayList<>();
        list.add(expression());
        while (tokens.match(TokenKind.COMMA)) {
            rejectTrailingComma(closer, "an expression");
            list.add(expression());
        }
        return list;
    }

    // Decision D23: no trailing commas anywhere.
    private void rejectTrailingComma(TokenKind closer, String expected) {
        if (tokens.at(closer)) {
            ctx.reportUnexpected(tokens.peek(), expected, " (trailing commas are not allowed)");
            throw new SyntaxError();
        }
    }

    private enum ArgumentStage { POSITIONAL, STAR, KEYWORD, DOUBLE_STAR }

    /**
     * Parses an argument list up to, not including, {@code closer}: positional arguments, at most one
     * {@code *atom}, keyword arguments, at most one {@code **atom}, in this order (language.md §3).
     *
     * @param required whether at least one argument must be present (after {@code :})
     */
    List<Argument> arguments(TokenKind closer, boolean required) {
        List<Argument> arguments = new ArrayList<>();
        if (!required && tokens.at(closer)) {
            return arguments;
        }
        ArgumentStage stage = ArgumentStage.POSITIONAL;
        do {
            if (!arguments.isEmpty()) {
                rejectTrailingComma(closer, "an argument");
            }
            Token start = tokens.peek();
            ArgumentStage kind = argumentStage(start);
            if (kind.compareTo(stage) < 0 || (kind == stage && kind != ArgumentStage.POSITIONAL && kind != ArgumentStage.KEYWORD)) {
                ctx.reportUnexpected(start, expectedArgument(stage, closer), "");
                throw new SyntaxError();
            }
            stage = kind;
            arguments.add(argument(kind, start));
        } while (tokens.match(TokenKind.COMMA));
        return arguments;
    }

    private ArgumentStage argumentStage(Token token) {
        if (token.kind() == TokenKind.STAR) {
            return ArgumentStage.STAR;
        }
        if (token.kind() == TokenKind.DOUBLE_STAR) {
            return ArgumentStage.DOUBLE_STAR;
        }
        return ctx.atBinding() && token.kind() != TokenKind.SPECIAL_IDENTIFIER ? ArgumentStage.KEYWORD : ArgumentStage.POSITIONAL;
    }

    private static String expectedArgument(ArgumentStage stage, TokenKind closer) {
        String close = "'" + closer.spelling() + "'";
        switch (stage) {
            case POSITIONAL:
                return "an argument";
            case STAR:
            case KEYWORD:
                return "a keyword argument, a '**' argument or " + close
                        + " (positional and '*' arguments come before keyword arguments)";
            default:
                return close + " (the '**' argument comes last)";
        }
    }

    private Argument argument(ArgumentStage kind, Token start) {
        switch (kind) {
            case STAR:
                tokens.advance();
                return new StarArgument(atom(), ctx.spanFrom(start));
            case DOUBLE_STAR:
                tokens.advance();
                return new DoubleStarArgument(atom(), ctx.spanFrom(start));
            case KEYWORD: {
                String name = ctx.name("a keyword");
                tokens.advance();
                return new KeywordArgument(name, expression(), ctx.spanFrom(start));
            }
            default:
                return new PositionalArgument(expression(), ctx.spanFrom(start));
        }
    }

    /**
     * Parses the target of an update job: a name, object path or root, or a status variable, then
     * {@code .name} and {@code [expression]} selectors; a status variable needs at least one selector
     * (language.md §3, §8.4).
     */
    Expr updateTarget() {
        Token start = tokens.peek();
        Expr target;
        switch (start.kind()) {
            case IDENTIFIER:
            case SPECIAL_IDENTIFIER:
            case OBJECT_PATH:
            case ROOT:
                target = atom();
                break;
            default:
                throw ctx.unexpected("an update target (a name, object path or status variable)");
        }
        int levels = 0;
        try {
            while (tokens.at(TokenKind.DOT) || tokens.at(TokenKind.LBRACKET)) {
                if (!ctx.enter(tokens.peek())) {
                    skipSelectors();
                    break;
                }
                levels++;
                target = selector(target, start);
            }
        } finally {
            for (int i = 0; i < levels; i++) {
                ctx.leave();
            }
        }
        if (target instanceof StatusVar) {
            ctx.assignToStatus(start.span(), ((StatusVar) target).name());
        }
        return target;
    }
}
