package dev.kompira.dsl.format;

import dev.kompira.dsl.ast.Block;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.Job;
import dev.kompira.dsl.ast.Link;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.lexer.Comment;
import dev.kompira.dsl.source.SourceText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides where each comment of a parsed program goes when the program is formatted.
 *
 * <p>The formatter writes a program as lines that begin with <em>anchors</em>: parameters, jobs,
 * block heads ({@code { for h in hosts |}), clause heads ({@code then:}, {@code elif c:},
 * {@code 'a', 'b':}, {@code else:}), closing braces and the end of the program. Every comment is
 * attached to one anchor, by the first rule that applies:
 * <ol>
 *   <li>a comment inside an anchor's text (inside a job's expressions, say) is written on its own
 *       line before that anchor;</li>
 *   <li>a comment on the line where the previous anchor ends is written at the end of that line;</li>
 *   <li>any other comment is written on its own line before the next anchor.</li>
 * </ol>
 * The rules only look at the anchors the formatter writes, so formatting the output again attaches
 * every comment the same way: formatting is idempotent and never drops a comment. Blank lines before
 * an anchor or a comment are remembered (one at most) so paragraphs of a flow survive formatting.
 */
final class CommentMap {

    /** The part of a node an anchor stands for. */
    enum Role { NODE, HEAD, CLOSE, ELSE, END }

    /** An anchor: a node (compared by identity) and a role. */
    static final class Anchor {
        final Object node;
        final Role role;
        final int start;
        final int end;

        Anchor(Object node, Role role, int start, int end) {
            this.node = node;
            this.role = role;
            this.start = start;
            this.end = end;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Anchor && ((Anchor) other).node == node && ((Anchor) other).role == role;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node) * 31 + role.hashCode();
        }
    }

    private static final CommentMap EMPTY = new CommentMap(null, List.of());

    private final SourceText source;
    private final Map<Integer, Comment> commentsByEnd = new HashMap<>();
    private final List<Anchor> anchors = new ArrayList<>();
    private final Map<Anchor, Integer> starts = new HashMap<>();
    private final Map<Anchor, List<Comment>> leading = new HashMap<>();
    private final Map<Anchor, Comment> trailing = new HashMap<>();

    private CommentMap(SourceText source, List<Comment> comments) {
        this.source = source;
        for (Comment comment : comments) {
            commentsByEnd.put(comment.span().end(), comment);
        }
    }

    /** Returns a map with no comments, for trees built in code. */
    static CommentMap empty() {
        return EMPTY;
    }

    /** Attaches the {@code comments} of {@code program}, parsed from {@code source}, to anchors. */
    static CommentMap of(Program program, SourceText source, List<Comment> comments) {
        CommentMap map = new CommentMap(source, comments);
        map.collect(program);
        for (Comment comment : comments) {
            map.attach(comment);
        }
        return map;
    }

    /** Returns the key of an anchor (only node and role matter for lookups). */
    static Anchor key(Object node, Role role) {
        return new Anchor(node, role, 0, 0);
    }

    /** Returns the comments written on their own lines before {@code anchor}. */
    List<Comment> leading(Anchor anchor) {
        return leading.getOrDefault(anchor, List.of());
    }

    /** Returns the comment written at the end of {@code anchor}'s line, or {@code null}. */
    Comment trailing(Anchor anchor) {
        return trailing.get(anchor);
    }

    /** Returns whether the source has a blank line right before {@code anchor}. */
    boolean blankLineBefore(Anchor anchor) {
        Integer start = starts.get(anchor);
        return start != null && blankLineBefore(start);
    }

    /** Returns whether the source has a blank line right before {@code comment}. */
    boolean blankLineBefore(Comment comment) {
        return blankLineBefore(comment.span().start());
    }

    private boolean blankLineBefore(int offset) {
        if (source == null || offset <= 0) {
            return false;
        }
        String text = source.text();
        int lineBreaks = 0;
        for (int i = offset - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                lineBreaks++;
            } else if (c != ' ' && c != '\t' && c != '\f' && c != '\r') {
                return lineBreaks >= 2 && i > 0;
            }
        }
        return false;
    }

    // ---- anchors, in source order ------------------------------------------------------------------

    private void add(Object node, Role role, int start, int end) {
        Anchor anchor = new Anchor(node, role, start, end);
        anchors.add(anchor);
        starts.put(anchor, start);
    }

    private void collect(Program program) {
        for (Parameter parameter : program.parameters()) {
            add(parameter, Role.NODE, parameter.span().start(), parameter.span().end());
        }
        if (program.flow() != null) {
            collect(program.flow());
        }
        add(program, Role.END, source.text().length(), source.text().length());
    }

    private void collect(Flow flow) {
        collect(flow.first());
        for (Link link : flow.links()) {
            collect(link.job());
        }
    }

    private void collect(Job job) {
        if (!(job instanceof Block)) {
            add(job, Role.NODE, job.span().start(), job.span().end());
            return;
        }
        Block block = (Block) job;
        int headEnd = BlockParts.hasPipe(block) ? afterBackwards(firstInnerStart(block), '|') : job.span().start() + 1;
        add(job, Role.HEAD, job.span().start(), headEnd);
        if (job instanceof IfBlock) {
            collectIf((IfBlock) job);
        } else if (job instanceof CaseBlock) {
            collectCase((CaseBlock) job);
        } else {
            BlockParts.flows(block).forEach(this::collect);
        }
        add(job, Role.CLOSE, job.span().end() - 1, job.span().end());
    }

    /** Returns where the first thing after a block's head starts: a clause head or the first job. */
    private static int firstInnerStart(Block block) {
        if (block instanceof IfBlock && BlockParts.hasClauses((IfBlock) block)) {
            return ((IfBlock) block).branches().get(0).span().start();
        }
        if (block instanceof CaseBlock) {
            return ((CaseBlock) block).clauses().get(0).span().start();
        }
        return BlockParts.flows(block).get(0).span().start();
    }

    private void collectIf(IfBlock block) {
        boolean clauses = BlockParts.hasClauses(block);
        for (IfBranch branch : block.branches()) {
            if (clauses) {
                add(branch, Role.NODE, branch.span().start(), afterBackwards(branch.body().span().start(), ':'));
            }
            collect(branch.body());
        }
        collectElse(block.elseBody());
    }

    private void collectCase(CaseBlock block) {
        for (CaseClause clause : block.clauses()) {
            add(clause, Role.NODE, clause.span().start(), afterBackwards(clause.body().span().start(), ':'));
            collect(clause.body());
        }
        collectElse(block.elseBody());
    }

    private void collectElse(Flow elseBody) {
        if (elseBody == null) {
            return;
        }
        int colonEnd = afterBackwards(elseBody.span().start(), ':');
        int elseStart = backwardsSkippingTrivia(colonEnd - 1) - "else".length();
        add(elseBody, Role.ELSE, elseStart, colonEnd);
        collect(elseBody);
    }

    /**
     * Returns the offset just past the {@code expected} delimiter that precedes {@code offset}, with only
     * whitespace and comments between them (the {@code |} of a block head, the {@code :} of a clause).
     */
    private int afterBackwards(int offset, char expected) {
        int end = backwardsSkippingTrivia(offset);
        boolean found = end > 0 && source.text().charAt(end - 1) == expected;
        return found ? end : offset;
    }

    /** Returns the offset just past the last character before {@code offset} that is not whitespace or comment. */
    private int backwardsSkippingTrivia(int offset) {
        String text = source.text();
        int i = offset;
        while (i > 0) {
            char c = text.charAt(i - 1);
            Comment comment = commentEndingAt(i);
            if (comment != null) {
                i = comment.span().start();
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
                i--;
            } else {
                break;
            }
        }
        return i;
    }

    private Comment commentEndingAt(int offset) {
        return commentsByEnd.get(offset);
    }

    // ---- attachment ---------------------------------------------------------------------------

    // Anchors never overlap and are collected in source order, so they are sorted by start and by end.
    private void attach(Comment comment) {
        int start = comment.span().start();
        int index = lastStartingBefore(start);
        if (index >= 0 && start < anchors.get(index).end) {
            leading.computeIfAbsent(anchors.get(index), a -> new ArrayList<>()).add(comment);
            return;
        }
        Anchor previous = lastEndingBy(start);
        if (previous != null && previous.role != Role.END && !trailing.containsKey(previous)
                && source.lineOf(previous.end - 1) == comment.span().line()) {
            trailing.put(previous, comment);
            return;
        }
        leading.computeIfAbsent(anchors.get(index + 1), a -> new ArrayList<>()).add(comment);
    }

    private int lastStartingBefore(int offset) {
        int low = 0;
        int high = anchors.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (anchors.get(mid).start < offset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    private Anchor lastEndingBy(int offset) {
        for (int i = lastStartingBefore(offset); i >= 0; i--) {
            Anchor anchor = anchors.get(i);
            if (anchor.end <= offset && anchor.end > anchor.start) {
                return anchor;
            }
        }
        return null;
    }
}
