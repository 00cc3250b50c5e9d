package dev.kompira.dsl.format;

import dev.kompira.dsl.ast.Block;
import dev.kompira.dsl.ast.CaseBlock;
import dev.kompira.dsl.ast.CaseClause;
import dev.kompira.dsl.ast.ChoiceBlock;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.ForBlock;
import dev.kompira.dsl.ast.ForkBlock;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.ast.PforBlock;
import dev.kompira.dsl.ast.SessionBlock;
import dev.kompira.dsl.ast.SimpleBlock;
import dev.kompira.dsl.ast.TryBlock;
import dev.kompira.dsl.ast.WhileBlock;
import java.util.ArrayList;
import java.util.List;

/** Structural facts about blocks that both the layout and the comment placement rely on. */
final class BlockParts {

    private BlockParts() {
    }

    /** Returns the jobflow expressions inside {@code block}, in source order. */
    static List<Flow> flows(Block block) {
        if (block instanceof SimpleBlock) {
            return List.of(((SimpleBlock) block).body());
        }
        if (block instanceof IfBlock) {
            List<Flow> flows = new ArrayList<>();
            for (IfBranch branch : ((IfBlock) block).branches()) {
                flows.add(branch.body());
            }
            addIfPresent(flows, ((IfBlock) block).elseBody());
            return flows;
        }
        if (block instanceof CaseBlock) {
            List<Flow> flows = new ArrayList<>();
            for (CaseClause clause : ((CaseBlock) block).clauses()) {
                flows.add(clause.body());
            }
            addIfPresent(flows, ((CaseBlock) block).elseBody());
            return flows;
        }
        if (block instanceof ForkBlock) {
            return ((ForkBlock) block).branches();
        }
        if (block instanceof ChoiceBlock) {
            return ((ChoiceBlock) block).eventFlows();
        }
        return List.of(loneBody(block));
    }

    private static Flow loneBody(Block block) {
        if (block instanceof ForBlock) {
            return ((ForBlock) block).body();
        }
        if (block instanceof PforBlock) {
            return ((PforBlock) block).body();
        }
        if (block instanceof WhileBlock) {
            return ((WhileBlock) block).body();
        }
        if (block instanceof SessionBlock) {
            return ((SessionBlock) block).body();
        }
        return ((TryBlock) block).body();
    }

    private static void addIfPresent(List<Flow> flows, Flow flow) {
        if (flow != null) {
            flows.add(flow);
        }
    }

    /** Returns whether the block's head ends with {@code |}: all but a simple block without bindings. */
    static boolean hasPipe(Block block) {
        return !(block instanceof SimpleBlock) || !((SimpleBlock) block).bindings().isEmpty();
    }

    /**
     * Returns whether an if block is written with {@code then:} clauses. The short form
     * {@code { if c | jobflow }} is used exactly when there is one branch and no else.
     */
    static boolean hasClauses(IfBlock block) {
        return block.branches().size() > 1 || block.elseBody() != null;
    }
}
