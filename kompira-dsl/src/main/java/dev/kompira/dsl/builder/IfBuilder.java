package dev.kompira.dsl.builder;

import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.IfBlock;
import dev.kompira.dsl.ast.IfBranch;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@code if} block: a first branch, any number of {@code elif} branches and an optional
 * {@code else}. Start one with {@link Flows#ifThen(Expr, Flow)}. Not thread-safe.
 */
public final class IfBuilder {

    private final List<IfBranch> branches = new ArrayList<>();

    IfBuilder(Expr condition, Flow body) {
        branches.add(new IfBranch(condition, body, Span.NONE));
    }

    /** Adds {@code elif condition: body}. */
    public IfBuilder elseIf(Expr condition, Flow body) {
        branches.add(new IfBranch(java.util.Objects.requireNonNull(condition, "condition"), body, Span.NONE));
        return this;
    }

    /** Ends the block with {@code else: body}. */
    public IfBlock orElse(Flow body) {
        return new IfBlock(branches, body, Span.NONE);
    }

    /** Ends the block without {@code else}. */
    /** Adds {@code elif condition: body} with a body still being built. */
    public IfBuilder elseIf(Expr condition, FlowBuilder body) {
        return elseIf(condition, body.build());
    }

    /** Finishes with {@code else: body} with a body still being built. */
    public IfBlock orElse(FlowBuilder body) {
        return orElse(body.build());
    }

    public IfBlock build() {
        return new IfBlock(branches, null, Span.NONE);
    }
}
