package dev.kompira.dsl.ast;

/**
 * A job: one step of a jobflow expression (language.md §8). Blocks are jobs too.
 */
public sealed interface Job extends Node
        permits SkipJob, ExecutionJob, AssignmentJob, UpdateJob, EventJob, ImmediateEventJob, BuiltinJob,
                BreakJob, ContinueJob, ErrorJob, Block {

    /** Dispatches to the visitor method for this kind of job. */
    <R> R accept(JobVisitor<R> visitor);
}
