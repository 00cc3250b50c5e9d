package dev.kompira.dsl.format;

import dev.kompira.dsl.ast.Block;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.format.CommentMap.Anchor;
import dev.kompira.dsl.format.CommentMap.Role;
import dev.kompira.dsl.lexer.Comment;
import dev.kompira.dsl.parser.ParseResult;
import java.util.List;

/**
 * The canonical pretty-printer: writes a syntax tree back as jobflow source.
 *
 * <p>The layout depends only on the tree and its comments, never on how the source was laid out,
 * which makes formatting idempotent and {@code parse(format(tree))} equal to {@code tree} up to
 * spans. The rules:
 * <ul>
 *   <li>a jobflow expression that fits in {@value #MAX_WIDTH} columns and carries no comment is
 *       written on one line; otherwise one job per line, each connector at the end of its line;</li>
 *   <li>a block that fits is written on one line; otherwise its head (<code>{ if c |</code>) ends the first
 *       line, its contents are indented by {@value #INDENT} spaces, and the brace closes on its own
 *       line. Blocks with clauses ({@code case}, {@code if} with {@code then:}) and a fork or choice
 *       with several expressions always take several lines, one clause or expression per line;</li>
 *   <li>{@code if} uses the short form {@code { if c | jobflow }} exactly when there is no
 *       {@code elif} and no {@code else};</li>
 *   <li>expressions are never broken; literals have one canonical spelling ({@link LiteralSyntax});</li>
 *   <li>comments stay with the job, clause or brace they belong to ({@link CommentMap}), and one
 *       blank line is kept where the source had blank lines between jobs or comments.</li>
 * </ul>
 * Stateless and thread-safe: each call uses its own state.
 */
public final class Formatter {

    /** Lines are kept within this many columns where the tree allows. */
    public static final int MAX_WIDTH = 100;

    /** Spaces per level of indentation. */
    public static final int INDENT = 4;

    private final CommentMap comments;
    private final InlineRenderer renderer;
    private final StringBuilder out = new StringBuilder();
    private boolean atBodyStart = true;

    private Formatter(CommentMap comments) {
        this.comments = comments;
        this.renderer = new InlineRenderer(comments);
    }

    /**
     * Formats a parsed program, keeping its comments.
     *
     * @throws IllegalArgumentException if the parse reported lexical or syntax errors
     */
    public static String format(ParseResult parsed) {
        for (Diagnostic diagnostic : parsed.diagnostics()) {
            if (diagnostic.isError() && diagnostic.code().preventsFormatting()) {
                throw new IllegalArgumentException("cannot format " + parsed.source().name()
                        + " because it does not parse: " + diagnostic);
            }
        }
        CommentMap map = CommentMap.of(parsed.program(), parsed.source(), parsed.comments());
        return new Formatter(map).program(parsed.program());
    }

    /**
     * Formats a tree built in code (it has no comments).
     *
     * @throws IllegalArgumentException if the tree contains error nodes or a pattern no literal can spell
     */
    public static String format(Program program) {
        return new Formatter(CommentMap.empty()).program(program);
    }

    private String program(Program program) {
        for (Parameter parameter : program.parameters()) {
            Anchor anchor = CommentMap.key(parameter, Role.NODE);
            leading(anchor, 0);
            line(0, withTrailing(parameterText(parameter), comments.trailing(anchor)));
        }
        if (program.flow() != null) {
            flowLines(program.flow(), 0);
        }
        leading(CommentMap.key(program, Role.END), 0);
        return out.toString();
    }

    private static String parameterText(Parameter parameter) {
        StringBuilder text = new StringBuilder("| ").append(parameter.name());
        if (parameter.defaultValue() != null) {
            text.append(" = ");
            new ExpressionPrinter(text).print(parameter.defaultValue());
        }
        return text.append(" |").toString();
    }

    private void flowLines(Flow flow, int indent) {
        String oneLine = renderer.inlineOwnLine(flow);
        if (oneLine != null && fits(indent, oneLine)) {
            leading(InlineRenderer.leadingAnchor(flow.first()), indent);
            line(indent, oneLine);
            return;
        }
        List<Job> jobs = flow.jobs();
        for (int i = 0; i < jobs.size(); i++) {
            String connector = i < flow.links().size() ? " " + flow.links().get(i).connector().symbol() : "";
            leading(InlineRenderer.leadingAnchor(jobs.get(i)), indent);
            job(jobs.get(i), indent, connector);
        }
    }

    private void job(Job job, int indent, String connector) {
        String text = renderer.inline(job);
        Comment trailing = comments.trailing(InlineRenderer.trailingAnchor(job));
        if (text != null && (!(job instanceof Block) || fits(indent, text + connector))) {
            line(indent, withTrailing(text + connector, trailing));
            return;
        }
        Block block = (Block) job;
        line(indent, withTrailing(renderer.head(block), comments.trailing(CommentMap.key(block, Role.HEAD))));
        atBodyStart = true;
        contents(block, indent + INDENT);
        leading(CommentMap.key(block, Role.CLOSE), indent + INDENT);
        line(indent, withTrailing("}" + connector, trailing));
    }

    private void contents(Block block, int indent) {
        if (block instanceof IfBlock && BlockParts.hasClauses((IfBlock) block)) {
            IfBlock ifBlock = (IfBlock) block;
            List<IfBranch> branches = ifBlock.branches();
            for (int i = 0; i < branches.size(); i++) {
                IfBranch branch = branches.get(i);
                clause(CommentMap.key(branch, Role.NODE), renderer.clauseHead(branch, i == 0), branch.body(), indent);
            }
            elseClause(ifBlock.elseBody(), indent);
        } else if (block instanceof CaseBlock) {
            CaseBlock caseBlock = (CaseBlock) block;
            for (CaseClause clause : caseBlock.clauses()) {
                clause(CommentMap.key(clause, Role.NODE), renderer.clauseHead(clause), clause.body(), indent);
            }
            elseClause(caseBlock.elseBody(), indent);
        } else {
            for (Flow flow : BlockParts.flows(block)) {
                flowLines(flow, indent);
            }
        }
    }

    private void elseClause(Flow elseBody, int indent) {
        if (elseBody != null) {
            clause(CommentMap.key(elseBody, Role.ELSE), "else:", elseBody, indent);
        }
    }

    private void clause(Anchor anchor, String head, Flow body, int indent) {
        leading(anchor, indent);
        Comment trailing = comments.trailing(anchor);
        String oneLine = renderer.inlineAfterHead(body);
        if (trailing == null && oneLine != null && fits(indent, head + " " + oneLine)) {
            line(indent, head + " " + oneLine);
            return;
        }
        line(indent, withTrailing(head, trailing));
        atBodyStart = true;
        flowLines(body, indent + INDENT);
    }

    /** Writes the comments that go on their own lines before {@code anchor}, then the blank line before it. */
    private void leading(Anchor anchor, int indent) {
        for (Comment comment : comments.leading(anchor)) {
            blankLineIf(comments.blankLineBefore(comment));
            line(indent, comment.text().stripTrailing());
        }
        blankLineIf(comments.blankLineBefore(anchor));
    }

    private static boolean fits(int indent, String text) {
        return indent + text.codePointCount(0, text.length()) <= MAX_WIDTH;
    }

    /** Appends a trailing comment, two spaces after the code. */
    static String withTrailing(String text, Comment trailing) {
        return trailing == null ? text : text + "  " + trailing.text().stripTrailing();
    }

    private void blankLineIf(boolean wanted) {
        if (wanted && !atBodyStart) {
            out.append('\n');
            atBodyStart = true;
        }
    }

    private void line(int indent, String text) {
        out.append(" ".repeat(indent)).append(text).append('\n');
        atBodyStart = false;
    }
}
