package dev.kompira.dsl.parser;

import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.ChoiceBlock;
import dev.kompira.dsl.ast.ErrorJob;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.WhileBlock;
import dev.kompira.dsl.lexer.Token;
import dev.kompira.dsl.lexer.TokenKind;
import dev.kompira.dsl.parser.FlowParser.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses blocks (language.md §9). A block is told apart by the token after {@code {}: a block
 * keyword, a binding ({@code name =}) for a simple block with bindings, or anything else for a
 * simple block without. A syntax error that no inner job absorbed skips to the block's closing
 * brace and the block becomes an {@link ErrorJob}.
 */
final class BlockParser {

    private static final String CONNECTOR_OR_CLOSE = "a connector or '}'";

    private final ParseContext ctx;
    private final TokenStream tokens;
    private final FlowParser flows;
    private final ExpressionParser expressions;

    BlockParser(ParseContext ctx, FlowParser flows, ExpressionParser expressions) {
        this.ctx = ctx;
        this.tokens = ctx.tokens;
        this.flows = flows;
        this.expressions = expressions;
    }

    /** Parses the block that starts at the current {@code {}. */
    Job block() {
        Token open = tokens.peek();
        if (!ctx.enter(open)) {
            ctx.skipBalanced();
            return new ErrorJob(ctx.spanFrom(open));
        }
        int depth = tokens.bracketDepth();
        try {
            tokens.advance();
            return blockAfterBrace(open);
        } catch (SyntaxError e) {
            skipToBlockEnd(depth);
            return new ErrorJob(ctx.spanFrom(open));
        } finally {
            ctx.leave();
        }
    }

    private void skipToBlockEnd(int depth) {
        while (!tokens.at(TokenKind.EOF) && tokens.bracketDepth() > depth) {
            tokens.advance();
        }
    }

    private Job blockAfterBrace(Token open) {
        switch (tokens.peek().kind()) {
            case IF: return ifBlock(open);
            case CASE: return caseBlock(open);
            case FOR: case PFOR: return loop(open);
            case WHILE: return whileBlock(open);
            case CHOICE: return choiceBlock(open);
            case FORK: return forkBlock(open);
            case SESSION: return sessionBlock(open);
            case TRY: return tryBlock(open);
            case RBRACE: throw ctx.unexpected("a job ('{}' is not a job; '[]' does nothing)");
            default: return simpleBlock(open);
        }
    }

    private void close(Token open, String expected) {
        if (tokens.match(TokenKind.RBRACE)) {
            return;
        }
        if (tokens.at(TokenKind.EOF)) {
            ctx.reportUnexpected(tokens.peek(), "'}'", " (the block opened at line " + open.span().line()
                    + ", column " + open.span().column() + " is not closed)");
            throw new SyntaxError();
        }
        ctx.reportUnexpected(tokens.peek(), expected, flows.afterEventHint());
        throw new SyntaxError();
    }

    private Flow body() {
        return flows.flow(Context.SINGLE);
    }

    private Job simpleBlock(Token open) {
        List<Binding> bindings = List.of();
        if (ctx.atBinding()) {
            bindings = expressions.bindings(TokenKind.PIPE);
            ctx.expect(TokenKind.PIPE, "',' or '|'");
        }
        Flow body = body();
        close(open, CONNECTOR_OR_CLOSE);
        return new SimpleBlock(bindings, body, ctx.spanFrom(open));
    }

    private Job ifBlock(Token open) {
        tokens.advance();
        Expr condition = tokens.at(TokenKind.PIPE) ? null : expressions.expression();
        ctx.expect(TokenKind.PIPE, condition == null ? "a condition or '|'" : "'|'");
        List<IfBranch> branches = new ArrayList<>();
        Flow elseBody = null;
        if (!tokens.at(TokenKind.THEN)) {
            Token start = tokens.peek();
            branches.add(new IfBranch(condition, body(), ctx.spanFrom(start)));
            if (tokens.at(TokenKind.ELIF) || tokens.at(TokenKind.ELSE)) {
                ctx.reportUnexpected(tokens.peek(), CONNECTOR_OR_CLOSE,
                        " ('then:' must introduce the first branch when 'elif' or 'else' is used)");
                throw new SyntaxError();
            }
            close(open, CONNECTOR_OR_CLOSE);
            return new IfBlock(branches, null, ctx.spanFrom(open));
        }
        branches.add(clause(condition, tokens.advance()));
        while (tokens.at(TokenKind.ELIF)) {
            Token elif = tokens.advance();
            branches.add(clause(expressions.expression(), elif));
        }
        if (tokens.match(TokenKind.ELSE)) {
            ctx.expect(TokenKind.COLON, "':' after 'else'");
            elseBody = body();
        }
        close(open, elseBody == null ? "a connector, 'elif', 'else' or '}'" : CONNECTOR_OR_CLOSE);
        return new IfBlock(branches, elseBody, ctx.spanFrom(open));
    }

    private IfBranch clause(Expr condition, Token keyword) {
        ctx.expect(TokenKind.COLON, keyword.kind() == TokenKind.ELIF ? "':' after the 'elif' condition" : "':' after 'then'");
        return new IfBranch(condition, body(), ctx.spanFrom(keyword));
    }

    private Job caseBlock(Token open) {
        tokens.advance();
        Expr subject = tokens.at(TokenKind.PIPE) ? null : expressions.expression();
        ctx.expect(TokenKind.PIPE, subject == null ? "a subject or '|'" : "'|'");
        List<CaseClause> clauses = new ArrayList<>();
        Flow elseBody = null;
        while (!tokens.at(TokenKind.RBRACE) && !tokens.at(TokenKind.EOF)) {
            if (tokens.at(TokenKind.ELSE)) {
                if (clauses.isEmpty()) {
                    ctx.reportUnexpected(tokens.peek(), "a case clause", " (a case block needs a clause before 'else')");
                    throw new SyntaxError();
                }
                tokens.advance();
                ctx.expect(TokenKind.COLON, "':' after 'else'");
                elseBody = flows.flow(Context.SEVERAL);
                break;
            }
            Token start = tokens.peek();
            List<Expr> patterns = expressions.expressionList(TokenKind.COLON);
            ctx.expect(TokenKind.COLON, "',' or ':'");
            clauses.add(new CaseClause(patterns, flows.flow(Context.SEVERAL), ctx.spanFrom(start)));
        }
        if (clauses.isEmpty()) {
            throw ctx.unexpected("a case clause");
        }
        close(open, elseBody == null ? "a connector, a case clause, 'else' or '}'" : CONNECTOR_OR_CLOSE);
        return new CaseBlock(subject, clauses, elseBody, ctx.spanFrom(open));
    }

    private Job loop(Token open) {
        boolean parallel = tokens.advance().kind() == TokenKind.PFOR;
        String variable = ctx.name("a loop variable name");
        ctx.expect(TokenKind.IN, "'in'");
        Expr iterable = expressions.expression();
        ctx.expect(TokenKind.PIPE, "'|'");
        Flow body = body();
        close(open, CONNECTOR_OR_CLOSE);
        return parallel ? new PforBlock(variable, iterable, body, ctx.spanFrom(open))
                : new ForBlock(variable, iterable, body, ctx.spanFrom(open));
    }

    private Job whileBlock(Token open) {
        tokens.advance();
        Expr condition = expressions.expression();
        ctx.expect(TokenKind.PIPE, "'|'");
        Flow body = body();
        close(open, CONNECTOR_OR_CLOSE);
        return new WhileBlock(condition, body, ctx.spanFrom(open));
    }

    private Job sessionBlock(Token open) {
        tokens.advance();
        String variable = ctx.name("a session variable name");
        ctx.expect(TokenKind.PIPE, "'|'");
        Flow body = body();
        close(open, CONNECTOR_OR_CLOSE);
        return new SessionBlock(variable, body, ctx.spanFrom(open));
    }

    private Job tryBlock(Token open) {
        tokens.advance();
        ctx.expect(TokenKind.PIPE, "'|'");
        Flow body = body();
        close(open, CONNECTOR_OR_CLOSE);
        return new TryBlock(body, ctx.spanFrom(open));
    }

    private Job forkBlock(Token open) {
        tokens.advance();
        ctx.expect(TokenKind.PIPE, "'|'");
        List<Flow> branches = new ArrayList<>();
        while (!tokens.at(TokenKind.RBRACE) && !tokens.at(TokenKind.EOF)) {
            int before = tokens.consumedCount();
            branches.add(flows.flow(Context.SEVERAL));
            if (tokens.consumedCount() == before) {
                tokens.advance();
            }
        }
        if (branches.isEmpty()) {
            throw ctx.unexpected("a jobflow expression");
        }
        close(open, "a connector, a job or '}'");
        return new ForkBlock(branches, ctx.spanFrom(open));
    }

    private Job choiceBlock(Token open) {
        tokens.advance();
        ctx.expect(TokenKind.PIPE, "'|'");
        List<Flow> eventFlows = new ArrayList<>();
        boolean sawBroken = false;
        while (!tokens.at(TokenKind.RBRACE) && !tokens.at(TokenKind.EOF)) {
            if (!tokens.at(TokenKind.LT)) {
                throw ctx.unexpected(eventFlows.isEmpty() && !sawBroken ? "an event job" : "a connector, an event job or '}'");
            }
            Flow flow = flows.flow(Context.SEVERAL);
            boolean startsWithEvent = flow.first() instanceof EventJob || flow.first() instanceof ImmediateEventJob;
            if (startsWithEvent && flow.links().isEmpty()) {
                throw ctx.unexpected("a connector after the event job");
            }
            if (startsWithEvent) {
                eventFlows.add(flow);
            } else {
                sawBroken = true;
            }
        }
        if (eventFlows.isEmpty()) {
            if (!sawBroken) {
                ctx.reportUnexpected(tokens.peek(), "an event job", "");
            }
            throw new SyntaxError();
        }
        close(open, "a connector, an event job or '}'");
        return new ChoiceBlock(eventFlows, ctx.spanFrom(open));
    }
}
