package dev.kompira.dsl.format;

import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Block;
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
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.GuardMode;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.ImmediateEventJob;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.JobVisitor;
import dev.kompira.dsl.ast.Link;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.SkipJob;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.ast.WhileBlock;
import dev.kompira.dsl.format.CommentMap.Role;
import dev.kompira.dsl.lexer.Comment;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders jobs, block heads and whole jobflow expressions on one line, and decides what must be
 * broken over several lines: a block cannot be written on one line when a comment is attached
 * inside it, when a jobflow expression inside it must break, when it has clauses ({@code case},
 * {@code if} with {@code then:}), or when it is a fork or choice with more than one expression.
 * Results are memoised per node, so layout stays linear.
 */
final class InlineRenderer implements JobVisitor<String> {

    private final CommentMap comments;
    private final Map<Job, String> inline = new IdentityHashMap<>();
    private final Map<Flow, Boolean> breaks = new IdentityHashMap<>();
    private final Map<Flow, Boolean> breaksOnOwnLine = new IdentityHashMap<>();

    InlineRenderer(CommentMap comments) {
        this.comments = comments;
    }

    /** Returns the one-line text of {@code job}, or {@code null} if it must be written over several lines. */
    String inline(Job job) {
        if (!inline.containsKey(job)) {
            inline.put(job, job.accept(this));
        }
        return inline.get(job);
    }

    /** Returns whether {@code flow} must be written one job per line (inside a block on one line, say). */
    boolean mustBreak(Flow flow) {
        return breaks.computeIfAbsent(flow, f -> breaks(f, false));
    }

    /**
     * Returns whether {@code flow} must be written one job per line even when it has a line of its
     * own: comments before its first job then go on the lines above, and a comment after its last
     * job at the end of the line.
     */
    boolean mustBreakOnOwnLine(Flow flow) {
        return breaksOnOwnLine.computeIfAbsent(flow, f -> breaks(f, true));
    }

    private boolean breaks(Flow flow, boolean ownLine) {
        List<Job> jobs = flow.jobs();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            String text = inline(job);
            boolean commentBefore = !comments.leading(leadingAnchor(job)).isEmpty() && !(ownLine && i == 0);
            boolean commentAfter = comments.trailing(trailingAnchor(job)) != null && !(ownLine && i == jobs.size() - 1);
            if (text == null || text.indexOf('\n') >= 0 || commentBefore || commentAfter) {
                return true;
            }
        }
        return false;
    }

    /** Returns the anchor whose leading comments go before {@code job}. */
    static CommentMap.Anchor leadingAnchor(Job job) {
        return CommentMap.key(job, job instanceof Block ? Role.HEAD : Role.NODE);
    }

    /** Returns the anchor whose trailing comment goes after {@code job}. */
    static CommentMap.Anchor trailingAnchor(Job job) {
        return CommentMap.key(job, job instanceof Block ? Role.CLOSE : Role.NODE);
    }

    /** Returns {@code flow} on one line, or {@code null} if it must break. */
    String inline(Flow flow) {
        return mustBreak(flow) ? null : joined(flow);
    }

    /**
     * Returns {@code flow} on a line of its own, followed by the comment after its last job if there
     * is one, or {@code null} if it must break. The caller writes the comments before its first job.
     */
    String inlineOwnLine(Flow flow) {
        if (mustBreakOnOwnLine(flow)) {
            return null;
        }
        return Formatter.withTrailing(joined(flow), comments.trailing(trailingAnchor(lastJob(flow))));
    }

    /** Returns {@code flow} after a clause head on the same line, with the comment after its last job, or {@code null}. */
    String inlineAfterHead(Flow flow) {
        if (!comments.leading(leadingAnchor(flow.first())).isEmpty()) {
            return null;
        }
        return inlineOwnLine(flow);
    }

    private static Job lastJob(Flow flow) {
        return flow.links().isEmpty() ? flow.first() : flow.links().get(flow.links().size() - 1).job();
    }

    private String joined(Flow flow) {
        StringBuilder out = new StringBuilder(inline(flow.first()));
        for (Link link : flow.links()) {
            out.append(' ').append(link.connector().symbol()).append(' ').append(inline(link.job()));
        }
        return out.toString();
    }

    /** Returns the head of a block, from the brace to the bar: {@code { for h in hosts |}. */
    String head(Block block) {
        StringBuilder out = new StringBuilder("{");
        ExpressionPrinter printer = new ExpressionPrinter(out);
        if (block instanceof SimpleBlock) {
            SimpleBlock simple = (SimpleBlock) block;
            if (!simple.bindings().isEmpty()) {
                out.append(' ');
                printer.printBindings(simple.bindings());
                out.append(" |");
            }
        } else if (block instanceof IfBlock) {
            keywordHead(out, printer, "if", ((IfBlock) block).branches().get(0).condition());
        } else if (block instanceof CaseBlock) {
            keywordHead(out, printer, "case", ((CaseBlock) block).subject());
        } else if (block instanceof ForBlock) {
            loopHead(out, printer, "for", ((ForBlock) block).variable(), ((ForBlock) block).iterable());
        } else if (block instanceof PforBlock) {
            loopHead(out, printer, "pfor", ((PforBlock) block).variable(), ((PforBlock) block).iterable());
        } else if (block instanceof WhileBlock) {
            keywordHead(out, printer, "while", ((WhileBlock) block).condition());
        } else if (block instanceof SessionBlock) {
            out.append(" session ").append(((SessionBlock) block).variable()).append(" |");
        } else {
            String keyword = block instanceof ChoiceBlock ? "choice" : block instanceof ForkBlock ? "fork" : "try";
            out.append(' ').append(keyword).append(" |");
        }
        return out.toString();
    }

    private static void keywordHead(StringBuilder out, ExpressionPrinter printer, String keyword, Expr expr) {
        out.append(' ').append(keyword);
        if (expr != null) {
            out.append(' ');
            printer.print(expr);
        }
        out.append(" |");
    }

    private static void loopHead(StringBuilder out, ExpressionPrinter printer, String keyword, String variable, Expr iterable) {
        out.append(' ').append(keyword).append(' ').append(variable).append(" in ");
        printer.print(iterable);
        out.append(" |");
    }

    /** Returns the head of an if clause: {@code then:} or {@code elif condition:}. */
    String clauseHead(IfBranch branch, boolean first) {
        if (first) {
            return "then:";
        }
        StringBuilder out = new StringBuilder("elif ");
        new ExpressionPrinter(out).print(branch.condition());
        return out.append(':').toString();
    }

    /**
     * Returns the head of a case clause: its patterns and a colon. A pattern that would start with
     * {@code /} is parenthesised: after the previous clause's last token a {@code /} would read as
     * division (D5).
     */
    String clauseHead(CaseClause clause) {
        StringBuilder out = new StringBuilder();
        List<Expr> patterns = clause.patterns();
        for (int i = 0; i < patterns.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            StringBuilder pattern = new StringBuilder();
            new ExpressionPrinter(pattern).print(patterns.get(i));
            boolean slash = i == 0 && pattern.charAt(0) == '/';
            out.append(slash ? "(" : "").append(pattern).append(slash ? ")" : "");
        }
        return out.append(':').toString();
    }

    // ---- leaf jobs ------------------------------------------------------------------------------

    @Override
    public String visitSkip(SkipJob job) {
        return "[]";
    }

    @Override
    public String visitExecution(ExecutionJob job) {
        StringBuilder out = new StringBuilder("[");
        ExpressionPrinter printer = new ExpressionPrinter(out);
        printer.print(job.target());
        if (job.input() != null) {
            out.append(" << ");
            printer.print(job.input());
        }
        if (!job.arguments().isEmpty()) {
            out.append(": ");
            printer.printArguments(job.arguments());
        }
        return out.append(']').toString();
    }

    @Override
    public String visitAssignment(AssignmentJob job) {
        StringBuilder out = new StringBuilder("[");
        new ExpressionPrinter(out).printBindings(job.bindings());
        return out.append(']').toString();
    }

    @Override
    public String visitUpdate(UpdateJob job) {
        StringBuilder out = new StringBuilder("[");
        ExpressionPrinter printer = new ExpressionPrinter(out);
        printer.print(job.value());
        out.append(" >> ");
        printer.print(job.target());
        return out.append(']').toString();
    }

    @Override
    public String visitEvent(EventJob job) {
        StringBuilder out = new StringBuilder("<");
        ExpressionPrinter printer = new ExpressionPrinter(out);
        printer.printInEvent(job.source());
        if (job.guardMode() != GuardMode.NONE) {
            out.append(' ').append(job.guardMode().symbol()).append(' ');
            printer.printInEvent(job.guard());
        }
        if (!job.arguments().isEmpty()) {
            out.append(": ");
            printer.printArgumentsInEvent(job.arguments());
        }
        return out.append('>').toString();
    }

    @Override
    public String visitImmediateEvent(ImmediateEventJob job) {
        return "<>";
    }

    @Override
    public String visitBuiltin(BuiltinJob job) {
        StringBuilder out = new StringBuilder(job.name()).append('(');
        new ExpressionPrinter(out).printArguments(job.arguments());
        return out.append(')').toString();
    }

    @Override
    public String visitBreak(BreakJob job) {
        return "break";
    }

    @Override
    public String visitContinue(ContinueJob job) {
        return "continue";
    }

    @Override
    public String visitError(ErrorJob job) {
        throw new IllegalArgumentException("cannot format a tree with syntax errors (an unparsed job at "
                + job.span().line() + ":" + job.span().column() + ")");
    }

    // ---- blocks on one line ----------------------------------------------------------------------

    private boolean commentedInside(Block block) {
        return comments.trailing(CommentMap.key(block, Role.HEAD)) != null
                || !comments.leading(CommentMap.key(block, Role.CLOSE)).isEmpty();
    }

    private String blockLine(Block block, String inner) {
        if (inner == null || commentedInside(block)) {
            return null;
        }
        return head(block) + " " + inner + " }";
    }

    @Override
    public String visitSimpleBlock(SimpleBlock block) {
        return blockLine(block, inline(block.body()));
    }

    // Blocks with clauses read best one clause per line, so they never go on one line.
    @Override
    public String visitIf(IfBlock block) {
        return BlockParts.hasClauses(block) ? null : blockLine(block, inline(block.branches().get(0).body()));
    }

    @Override
    public String visitCase(CaseBlock block) {
        return null;
    }

    @Override
    public String visitFor(ForBlock block) {
        return blockLine(block, inline(block.body()));
    }

    @Override
    public String visitWhile(WhileBlock block) {
        return blockLine(block, inline(block.body()));
    }

    @Override
    public String visitChoice(ChoiceBlock block) {
        return block.eventFlows().size() == 1 ? blockLine(block, inline(block.eventFlows().get(0))) : null;
    }

    @Override
    public String visitFork(ForkBlock block) {
        return block.branches().size() == 1 ? blockLine(block, inline(block.branches().get(0))) : null;
    }

    @Override
    public String visitPfor(PforBlock block) {
        return blockLine(block, inline(block.body()));
    }

    @Override
    public String visitSession(SessionBlock block) {
        return blockLine(block, inline(block.body()));
    }

    @Override
    public String visitTry(TryBlock block) {
        return blockLine(block, inline(block.body()));
    }
}
