package dev.kompira.dsl.ast;

/** A job written in braces (language.md §9). */
public sealed interface Block extends Job
        permits SimpleBlock, IfBlock, CaseBlock, ForBlock, WhileBlock, ChoiceBlock, ForkBlock, PforBlock,
                SessionBlock, TryBlock {
}
