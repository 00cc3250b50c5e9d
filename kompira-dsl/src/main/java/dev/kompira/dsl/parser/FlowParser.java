package dev.kompira.dsl.parser;

import dev.kompira.dsl.ast.Argument;
import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.BreakJob;
import dev.kompira.dsl.ast.BuiltinJob;
import dev.kompira.dsl.ast.Connector;
import dev.kompira.dsl.ast.ContinueJob;
import dev.kompira.dsl.ast.ErrorJob;
import dev.kompira.dsl.ast.EventJob;
import dev.kompira.dsl.ast.ExecutionJob;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.GuardMode;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.Link;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.ast.SkipJob;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.diag.ErrorCode;
import dev.kompira.dsl.lexer.Token;
import dev.kompira.dsl.lexer.TokenKind;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses programs, jobflow expressions and the jobs that are not blocks (language.md §3, §8, §11);
 * {@link BlockParser} parses the blocks.
 *
 * <p>Error recovery works at two levels: a job that cannot be parsed becomes an {@link ErrorJob}
 * after the parser skips to the end of that job (its closing bracket, the next connector, or the
 * brace that closes the enclosing block), and a block skips to its closing brace. Two jobs side by
 * side are reported as a missing connector and parsing continues as if {@code ->} were there.
 */
final class FlowParser {

    /** A jobflow expression may connect this many jobs (language.md §10.4). */
    static final int MAX_JOBS = 4096;

    private final ParseContext ctx;
    private final TokenStream tokens;
    private final ExpressionParser expressions;
    private final BlockParser blocks;

    FlowParser(ParseContext ctx) {
        this.ctx = ctx;
        this.tokens = ctx.tokens;
        this.expressions = new ExpressionParser(ctx);
        this.blocks = new BlockParser(ctx, this, expressions);
    }

    /** Where a jobflow expression is parsed; decides what may follow its last job. */
    enum Context {
        /** Exactly one expression: a job that follows without a connector is a missing connector. */
        SINGLE,
        /** One of several (fork branches, choice event flows, case clauses): the expression just ends. */
        SEVERAL
    }

    /** Parses a whole program. */
    Program program() {
        Token first = tokens.peek();
        List<Parameter> parameters = new ArrayList<>();
        while (tokens.at(TokenKind.PIPE)) {
            Parameter parameter = parameter();
            if (parameter != null) {
                parameters.add(parameter);
            }
        }
        Flow flow = tokens.at(TokenKind.EOF) ? null : topLevelFlow();
        Span span = new Span(0, Math.max(first.span().start(), tokens.peek().span().end()), 1, 1);
        return new Program(parameters, flow, span);
    }

    private Parameter parameter() {
        Token open = tokens.advance();
        try {
            String name = ctx.name("a parameter name");
            Expr defaultValue = tokens.match(TokenKind.ASSIGN) ? expressions.expression() : null;
            ctx.expect(TokenKind.PIPE, defaultValue == null ? "'=' or '|'" : "'|'");
            return new Parameter(name, defaultValue, ctx.spanFrom(open));
        } catch (SyntaxError e) {
            skipPastParameter();
            return null;
        }
    }

    private void skipPastParameter() {
        int depth = tokens.bracketDepth();
        while (!tokens.at(TokenKind.EOF)) {
            if (tokens.bracketDepth() == depth && tokens.at(TokenKind.PIPE)) {
                tokens.advance();
                return;
            }
            tokens.advance();
        }
    }

    private Flow topLevelFlow() {
        Flow flow = flow(Context.SINGLE);
        while (!tokens.at(TokenKind.EOF)) {
            ctx.reportUnexpected(tokens.peek(), "a connector or the end of the jobflow", afterEventHint());
            skipToNextJob();
            if (tokens.peek().kind().isConnector()) {
                tokens.advance();
            }
            if (startsJob(tokens.peek().kind())) {
                flow = append(flow, flow(Context.SINGLE));
            }
        }
        return flow;
    }

    /** Skips at least one token, then up to the next connector or job at the same bracket depth. */
    private void skipToNextJob() {
        int depth = tokens.bracketDepth();
        tokens.advance();
        while (!tokens.at(TokenKind.EOF)) {
            TokenKind kind = tokens.peek().kind();
            if (tokens.bracketDepth() <= depth && (kind.isConnector() || startsJob(kind))) {
                return;
            }
            tokens.advance();
        }
    }

    /**
     * Returns a hint for a token that follows an event job: a {@code >} meant as a comparison closes
     * the job (D20), so the rest of the comparison is left over.
     */
    String afterEventHint() {
        return tokens.previous().kind() == TokenKind.GT
                ? " (a '>' inside an event job ends the job; put comparisons with '>' or '>=' in parentheses)" : "";
    }

    private static Flow append(Flow flow, Flow more) {
        List<Link> links = new ArrayList<>(flow.links());
        links.add(new Link(Connector.ARROW, more.first(), more.first().span()));
        links.addAll(more.links());
        return new Flow(flow.first(), links, flow.span().to(more.span()));
    }

    /** Parses {@code job { connector job }}. */
    Flow flow(Context context) {
        Token start = tokens.peek();
        Job first = job();
        List<Link> links = new ArrayList<>();
        Span tooMany = null;
        while (true) {
            Token next = tokens.peek();
            Connector connector = connector(next.kind());
            if (connector != null) {
                tokens.advance();
            } else if (context == Context.SINGLE && startsJob(next.kind())) {
                ctx.reportUnexpected(next, "a connector ('->', '=>', '->>' or '=>>') between two jobs", "");
                connector = Connector.ARROW;
            } else {
                break;
            }
            Job job = job();
            links.add(new Link(connector, job, next.span()));
            if (links.size() == MAX_JOBS) {
                tooMany = job.span();
            }
        }
        if (tooMany != null) {
            ctx.diagnostics.error(ErrorCode.E_TOOMANYJOBS, tooMany, "too many jobs in one jobflow expression ("
                    + (links.size() + 1) + "; the limit is " + MAX_JOBS + ")");
        }
        return new Flow(first, links, ctx.spanFrom(start));
    }

    private static Connector connector(TokenKind kind) {
        switch (kind) {
            case ARROW: return Connector.ARROW;
            case FAT_ARROW: return Connector.FAT_ARROW;
            case LONG_ARROW: return Connector.LONG_ARROW;
            case LONG_FAT_ARROW: return Connector.LONG_FAT_ARROW;
            default: return null;
        }
    }

    /** Returns whether a token of this kind can start a job. */
    static boolean startsJob(TokenKind kind) {
        switch (kind) {
            case LBRACKET: case LT: case LBRACE: case IDENTIFIER: case BREAK: case CONTINUE:
                return true;
            default:
                return false;
        }
    }

    /** Parses one job; on a syntax error, skips to the end of the job and returns an {@link ErrorJob}. */
    Job job() {
        Token start = tokens.peek();
        int depth = tokens.bracketDepth();
        try {
            switch (start.kind()) {
                case LBRACKET:
                    return bracketJob();
                case LT:
                    return eventJob();
                case LBRACE:
                    return blocks.block();
                case IDENTIFIER:
                    return builtinJob();
                case BREAK:
                    return new BreakJob(tokens.advance().span());
                case CONTINUE:
                    return new ContinueJob(tokens.advance().span());
                default:
                    throw ctx.unexpected("a job");
            }
        } catch (SyntaxError e) {
            skipRestOfJob(depth);
            return new ErrorJob(ctx.spanFrom(start));
        }
    }

    /**
     * Skips tokens until the end of a job that started at bracket depth {@code depth}: just past its
     * closing bracket, or before a connector or the brace that closes the enclosing block.
     */
    private void skipRestOfJob(int depth) {
        while (!tokens.at(TokenKind.EOF)) {
            TokenKind kind = tokens.peek().kind();
            if (tokens.bracketDepth() <= depth && (kind.isConnector() || kind == TokenKind.RBRACE)) {
                return;
            }
            tokens.advance();
            boolean closedJob = (kind == TokenKind.RBRACKET || kind == TokenKind.GT || kind == TokenKind.RBRACE)
                    && tokens.bracketDepth() <= depth;
            if (closedJob) {
                return;
            }
        }
    }

    private Job bracketJob() {
        Token open = tokens.peek();
        if (!ctx.enter(open)) {
            ctx.skipBalanced();
            return new ErrorJob(ctx.spanFrom(open));
        }
        try {
            tokens.advance();
            if (tokens.match(TokenKind.RBRACKET)) {
                return new SkipJob(ctx.spanFrom(open));
            }
            if (ctx.atBinding()) {
                List<Binding> bindings = expressions.bindings(TokenKind.RBRACKET);
                ctx.expect(TokenKind.RBRACKET, "',' or ']'");
                return new AssignmentJob(bindings, ctx.spanFrom(open));
            }
            Expr target = expressions.expression();
            if (tokens.match(TokenKind.GT_GT)) {
                Expr destination = expressions.updateTarget();
                ctx.expect(TokenKind.RBRACKET, "'.', '[' or ']' (an update target is a name, object path or "
                        + "status variable followed by .name or [key] selectors)");
                return new UpdateJob(target, destination, ctx.spanFrom(open));
            }
            Expr input = tokens.match(TokenKind.LT_LT) ? expressions.expression() : null;
            List<Argument> arguments = tokens.match(TokenKind.COLON)
                    ? expressions.arguments(TokenKind.RBRACKET, true) : List.of();
            ctx.expect(TokenKind.RBRACKET, expectedInExecution(input != null, !arguments.isEmpty()));
            return new ExecutionJob(target, input, arguments, ctx.spanFrom(open));
        } finally {
            ctx.leave();
        }
    }

    private static String expectedInExecution(boolean hasInput, boolean hasArguments) {
        if (hasArguments) {
            return "',' or ']'";
        }
        return hasInput ? "':' or ']'" : "'>>', '<<', ':' or ']'";
    }

    private Job eventJob() {
        Token open = tokens.peek();
        if (!ctx.enter(open)) {
            throw new SyntaxError();
        }
        try {
            tokens.advance();
            if (atEventClose()) {
                closeEvent();
                return new ImmediateEventJob(ctx.spanFrom(open));
            }
            Expr source = expressions.inEvent(expressions::expression);
            GuardMode mode = GuardMode.NONE;
            if (tokens.match(TokenKind.QUESTION)) {
                mode = GuardMode.HEAD;
            } else if (tokens.match(TokenKind.DOUBLE_QUESTION)) {
                mode = GuardMode.SCAN;
            }
            Expr guard = mode == GuardMode.NONE ? null : expressions.inEvent(expressions::expression);
            List<Argument> arguments = tokens.match(TokenKind.COLON)
                    ? expressions.inEvent(() -> expressions.arguments(TokenKind.GT, true)) : List.of();
            if (!atEventClose()) {
                throw ctx.unexpected(arguments.isEmpty() && mode == GuardMode.NONE ? "'?', '??', ':' or '>'"
                        : arguments.isEmpty() ? "':' or '>'" : "',' or '>'");
            }
            closeEvent();
            return new EventJob(source, mode, guard, arguments, ctx.spanFrom(open));
        } finally {
            ctx.leave();
        }
    }

    private boolean atEventClose() {
        TokenKind kind = tokens.peek().kind();
        return kind == TokenKind.GT || kind == TokenKind.GE || kind == TokenKind.GT_GT;
    }

    // Decision D20: a '>=' or '>>' where the closing '>' is expected is split, so '<ch>=> x' works.
    private void closeEvent() {
        if (!tokens.at(TokenKind.GT)) {
            tokens.splitGreater();
        }
        tokens.advance();
    }

    private Job builtinJob() {
        Token name = tokens.advance();
        Token open = tokens.peek();
        if (open.kind() != TokenKind.LPAREN) {
            throw ctx.unexpected("'(' after the built-in job name '" + name.name() + "'");
        }
        if (!ctx.enter(open)) {
            ctx.skipBalanced();
            return new ErrorJob(ctx.spanFrom(name));
        }
        try {
            tokens.advance();
            List<Argument> arguments = expressions.arguments(TokenKind.RPAREN, false);
            ctx.expect(TokenKind.RPAREN, "',' or ')'");
            return new BuiltinJob(name.name(), arguments, ctx.spanFrom(name));
        } finally {
            ctx.leave();
        }
    }
}
